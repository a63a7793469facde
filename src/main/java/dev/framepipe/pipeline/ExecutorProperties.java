package dev.framepipe.pipeline;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The stage executor that runs the forked branch ({@code framepipe.executor.*}).
 *
 * @param threads       worker threads; 0 means one per available processor
 * @param queueCapacity tasks waiting for a worker; when full the branch runs on the caller
 */
@Validated
@ConfigurationProperties("framepipe.executor")
public record ExecutorProperties(
        @DefaultValue("0") @PositiveOrZero int threads,
        @DefaultValue("64") @Positive int queueCapacity) {

    /** The effective number of threads. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}

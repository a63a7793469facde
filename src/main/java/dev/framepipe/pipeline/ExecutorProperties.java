package dev.framepipe.pipeline;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The stage executor that runs the forked branch ({@code framepipe.executor.*}).
 *
 * @param threads       worker threads; 0 means one per available processor
 * @param queueCapacity tasks waiting for a worker; when full the branch runs on the caller
 * @param spin          how long a worker that has just finished a task keeps polling for the next one
 *                      before it parks (a branch forked meanwhile starts at once); 0 parks at once. An idle
 *                      service's workers are parked whatever this is
 */
@Validated
@ConfigurationProperties("framepipe.executor")
public record ExecutorProperties(
        @DefaultValue("0") @PositiveOrZero int threads,
        @DefaultValue("64") @Positive int queueCapacity,
        @DefaultValue("2ms") @NotNull Duration spin) {

    /** The effective number of threads. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}

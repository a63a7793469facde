package dev.framepipe.pipeline;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

/**
 * Pipeline settings ({@code framepipe.pipeline.*}). Every default is written once, in the
 * {@link DefaultValue} annotations; {@link #defaults()} binds them outside Spring.
 *
 * @param mode           how the two middle stages run: {@code auto} forks the size estimator only while that
 *                       is expected to pay (see {@link ForkPolicy}); {@code concurrent} always forks it;
 *                       {@code sequential} never does (both for measuring)
 * @param deadline       time a frame may take from admission to report; past it the answer is 504
 * @param partialResults when one middle stage fails, answer with what succeeded
 *                       ({@code outcome=partial}) instead of a problem response naming the stage
 * @param maxInFlight    frames processed at once; beyond it a frame is refused at once with 503
 * @param retryAfter     the {@code Retry-After} sent with a 503
 */
@Validated
@ConfigurationProperties("framepipe.pipeline")
public record PipelineProperties(
        @DefaultValue("auto") @NotNull Mode mode,
        @DefaultValue("2s") @NotNull Duration deadline,
        @DefaultValue("true") boolean partialResults,
        @DefaultValue("64") @Positive int maxInFlight,
        @DefaultValue("1s") @NotNull Duration retryAfter) {

    /** How the two middle stages are run. */
    public enum Mode {
        /** Fork the size estimator while forked frames take less than the two middle stages take inline. */
        AUTO,
        /** Size estimator on the stage executor while the classifier runs on the analysis thread. */
        CONCURRENT,
        /** Both on the analysis thread, one after the other. */
        SEQUENTIAL
    }

    /** The defaults, for use outside Spring. */
    public static PipelineProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("framepipe.pipeline", Bindable.of(PipelineProperties.class));
    }

    /** The same settings in another mode. */
    public PipelineProperties withMode(Mode newMode) {
        return new PipelineProperties(newMode, deadline, partialResults, maxInFlight, retryAfter);
    }
}

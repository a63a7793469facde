package dev.framepipe.stats;

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
 * Running statistics ({@code framepipe.stats.*}).
 *
 * @param fpsWindow      the sliding window over which the current FPS is computed
 * @param maxStreams     distinct stream names tracked at once; bounds the meters' cardinality
 * @param streamOverflow what happens to a new stream name beyond {@code maxStreams}
 * @param resetToken     bearer token required by {@code DELETE /api/v1/stats/{stream}};
 *                       unset disables resetting (403)
 */
@Validated
@ConfigurationProperties("framepipe.stats")
public record StatsProperties(
        @DefaultValue("10s") @NotNull Duration fpsWindow,
        @DefaultValue("32") @Positive int maxStreams,
        @DefaultValue("reject") @NotNull Overflow streamOverflow,
        String resetToken) {

    /** Policy for a stream name beyond the limit. */
    public enum Overflow {
        /** Refuse the frame with a 400 problem response. */
        REJECT,
        /** Count the frame under the stream {@value Aggregator#OTHER_STREAM}. */
        FOLD
    }

    /** The defaults, bound from the {@link DefaultValue} annotations (each default is written once), for use outside Spring. */
    public static StatsProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("framepipe.stats", Bindable.of(StatsProperties.class));
    }
}

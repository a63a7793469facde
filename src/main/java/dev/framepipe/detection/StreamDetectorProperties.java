package dev.framepipe.detection;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-stream detector defaults, {@code framepipe.streams.<stream>.detector.*}, with the names of
 * {@code framepipe.detector.*} (except {@code max-objects}, which is global). Unset options fall back to
 * the global ones.
 *
 * @param streams stream name to its settings
 */
@ConfigurationProperties("framepipe")
public record StreamDetectorProperties(@DefaultValue Map<String, Stream> streams) {

    public StreamDetectorProperties {
        streams = Map.copyOf(streams);
    }

    /**
     * One stream's settings.
     *
     * @param detector the detector options this stream overrides
     */
    public record Stream(@DefaultValue DetectorOverrides detector) {}
}

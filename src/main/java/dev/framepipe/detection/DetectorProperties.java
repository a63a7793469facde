package dev.framepipe.detection;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Detector settings ({@code framepipe.detector.*}).
 *
 * @param thresholdMethod how the threshold is chosen
 * @param thresholdLevel  the level used when the method is {@code FIXED} (0..255)
 * @param polarity        which side of the threshold the objects are on
 * @param connectivity    4 or 8 neighbours
 * @param minArea         objects smaller than this many pixels are dropped
 * @param maxObjects      at most this many objects are reported per frame
 */
@Validated
@ConfigurationProperties("framepipe.detector")
public record DetectorProperties(
        @DefaultValue("OTSU") @NotNull ThresholdMethod thresholdMethod,
        @DefaultValue("128") @Min(0) @Max(255) int thresholdLevel,
        @DefaultValue("AUTO") @NotNull Polarity polarity,
        @DefaultValue("8") @Min(4) @Max(8) int connectivity,
        @DefaultValue("4") @Min(1) int minArea,
        @DefaultValue("10000") @Positive int maxObjects) {

    public DetectorProperties {
        if (connectivity != 4 && connectivity != 8) {
            throw new IllegalArgumentException("connectivity must be 4 or 8, was " + connectivity);
        }
    }

    /** The defaults, for use outside Spring. */
    public static DetectorProperties defaults() {
        return new DetectorProperties(ThresholdMethod.OTSU, 128, Polarity.AUTO, 8, 4, 10_000);
    }
}

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
 * @param maxRuns         at most this many foreground runs are labelled per frame; labeling stops there
 *                        (noise has millions of one-pixel runs) and the detection is {@code truncated},
 *                        which bounds the labeler's scratch to {@link #scratchBytes(long)}
 */
@Validated
@ConfigurationProperties("framepipe.detector")
public record DetectorProperties(
        @DefaultValue("OTSU") @NotNull ThresholdMethod thresholdMethod,
        @DefaultValue("128") @Min(0) @Max(255) int thresholdLevel,
        @DefaultValue("AUTO") @NotNull Polarity polarity,
        @DefaultValue("8") @Min(4) @Max(8) int connectivity,
        @DefaultValue("4") @Min(1) int minArea,
        @DefaultValue("10000") @Positive int maxObjects,
        @DefaultValue(DEFAULT_MAX_RUNS) @Positive int maxRuns) {

    /** Default of {@code max-runs}: 2^18, room for 10000 objects of 26 rows each. */
    static final String DEFAULT_MAX_RUNS = "262144";

    /**
     * Heap the labeler may need per foreground run, in the worst case: the run itself (six ints, and
     * the copy while its arrays grow), one component's moments and box (fourteen arrays), and the
     * run's triple in the result (copied once more by {@link Runs}).
     */
    static final long BYTES_PER_RUN = 160;

    /** The same settings with the default {@code max-runs}. */
    public DetectorProperties(ThresholdMethod thresholdMethod, int thresholdLevel, Polarity polarity,
            int connectivity, int minArea, int maxObjects) {
        this(thresholdMethod, thresholdLevel, polarity, connectivity, minArea, maxObjects,
                Integer.parseInt(DEFAULT_MAX_RUNS));
    }

    /**
     * Upper bound of the detector's working set for a frame of {@code pixels} pixels, in bytes: a row
     * holds at most one run per two pixels, and never more than {@code maxRuns} are kept.
     */
    public long scratchBytes(long pixels) {
        return BYTES_PER_RUN * Math.min(maxRuns, pixels / 2 + 1);
    }

    @org.springframework.boot.context.properties.bind.ConstructorBinding
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

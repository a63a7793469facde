package dev.framepipe.detection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

/**
 * Global detector settings ({@code framepipe.detector.*}); a stream's
 * ({@code framepipe.streams.<stream>.detector.*}) and a request's override them. Each default is
 * written once, here. Bad values fail the start-up with the option's name.
 *
 * @param thresholdMethod {@code otsu} (global, Otsu 1979), {@code fixed} ({@code threshold-level}) or
 *                        {@code local} (adaptive, for uneven light)
 * @param thresholdLevel  the level of {@code fixed} (0..255)
 * @param localWindow     side of the {@code local} threshold's window in pixels, odd
 * @param polarity        {@code bright} objects on dark, {@code dark} on bright, or {@code auto} (the class
 *                        owning the frame's border is the background)
 * @param connectivity    4 or 8 neighbours
 * @param fillHoles       fill holes inside each object for measuring it (holes are counted either way)
 * @param split           {@code none} or {@code touching}: split touching objects (distance-transform
 *                        watershed)
 * @param objectDiameter  expected diameter of one object in pixels, {@code MIN-MAX}, for splitting
 * @param minArea         objects smaller than this many pixels are dropped
 * @param maxArea         objects larger than this many pixels are dropped; 0 for no limit
 * @param excludeBorder   drop objects that touch the frame's border
 * @param maxObjects      at most this many objects are reported per frame
 * @param maxRuns         at most this many foreground runs are labelled per frame; labeling stops there
 *                        (noise has millions of one-pixel runs) and the detection is {@code truncated},
 *                        which bounds the labeler's scratch to {@link #scratchBytes(long)}
 */
@Validated
@ConfigurationProperties("framepipe.detector")
public record DetectorProperties(
        @DefaultValue("OTSU") @NotNull ThresholdMethod thresholdMethod,
        @DefaultValue("128") int thresholdLevel,
        @DefaultValue("151") int localWindow,
        @DefaultValue("AUTO") @NotNull Polarity polarity,
        @DefaultValue("8") int connectivity,
        @DefaultValue("true") boolean fillHoles,
        @DefaultValue("NONE") @NotNull Split split,
        @DefaultValue("10-200") @NotNull DiameterRange objectDiameter,
        @DefaultValue("4") int minArea,
        @DefaultValue("0") int maxArea,
        @DefaultValue("false") boolean excludeBorder,
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

    /**
     * Upper bound of the detector's working set for a frame of {@code pixels} pixels, in bytes: a row
     * holds at most one run per two pixels, and never more than {@code maxRuns} are kept.
     */
    public long scratchBytes(long pixels) {
        return BYTES_PER_RUN * Math.min(maxRuns, pixels / 2 + 1);
    }

    private static final DetectorProperties DEFAULTS = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("framepipe.detector", Bindable.of(DetectorProperties.class));

    @ConstructorBinding
    public DetectorProperties {
        // Validates the frame options as a frame's own would be (a bad value names its option).
        new DetectorOptions(
                thresholdMethod,
                thresholdLevel,
                localWindow,
                polarity,
                connectivity,
                fillHoles,
                split,
                objectDiameter,
                minArea,
                maxArea,
                excludeBorder);
    }

    /**
     * The settings of the first detector (threshold, polarity, connectivity, area, count), the others at
     * their defaults.
     */
    public DetectorProperties(
            ThresholdMethod thresholdMethod,
            int thresholdLevel,
            Polarity polarity,
            int connectivity,
            int minArea,
            int maxObjects) {
        this(
                thresholdMethod,
                thresholdLevel,
                DEFAULTS.localWindow,
                polarity,
                connectivity,
                DEFAULTS.fillHoles,
                DEFAULTS.split,
                DEFAULTS.objectDiameter,
                minArea,
                DEFAULTS.maxArea,
                DEFAULTS.excludeBorder,
                maxObjects,
                DEFAULTS.maxRuns);
    }

    /** The defaults, for use outside Spring. */
    public static DetectorProperties defaults() {
        return DEFAULTS;
    }

    /** These settings as the options of a frame (everything but {@code max-objects}). */
    public DetectorOptions options() {
        return new DetectorOptions(
                thresholdMethod,
                thresholdLevel,
                localWindow,
                polarity,
                connectivity,
                fillHoles,
                split,
                objectDiameter,
                minArea,
                maxArea,
                excludeBorder);
    }
}

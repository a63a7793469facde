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
        @DefaultValue("10000") @Positive int maxObjects) {

    private static final DetectorProperties DEFAULTS = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("framepipe.detector", Bindable.of(DetectorProperties.class));

    @ConstructorBinding
    public DetectorProperties {
        options(thresholdMethod, thresholdLevel, localWindow, polarity, connectivity, fillHoles, split,
                objectDiameter, minArea, maxArea, excludeBorder);
    }

    /**
     * The settings of the first detector (threshold, polarity, connectivity, area, count), the others at
     * their defaults.
     */
    public DetectorProperties(ThresholdMethod thresholdMethod, int thresholdLevel, Polarity polarity,
                              int connectivity, int minArea, int maxObjects) {
        this(thresholdMethod, thresholdLevel, DEFAULTS.localWindow, polarity, connectivity, DEFAULTS.fillHoles,
                DEFAULTS.split, DEFAULTS.objectDiameter, minArea, DEFAULTS.maxArea, DEFAULTS.excludeBorder,
                maxObjects);
    }

    /** The defaults, for use outside Spring. */
    public static DetectorProperties defaults() {
        return DEFAULTS;
    }

    /** These settings as the options of a frame (everything but {@code max-objects}). */
    public DetectorOptions options() {
        return options(thresholdMethod, thresholdLevel, localWindow, polarity, connectivity, fillHoles, split,
                objectDiameter, minArea, maxArea, excludeBorder);
    }

    private static DetectorOptions options(ThresholdMethod thresholdMethod, int thresholdLevel, int localWindow,
            Polarity polarity, int connectivity, boolean fillHoles, Split split, DiameterRange objectDiameter,
            int minArea, int maxArea, boolean excludeBorder) {
        return new DetectorOptions(thresholdMethod, thresholdLevel, localWindow, polarity, connectivity, fillHoles,
                split, objectDiameter, minArea, maxArea, excludeBorder);
    }
}

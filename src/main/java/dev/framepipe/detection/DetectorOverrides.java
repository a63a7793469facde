package dev.framepipe.detection;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Detector options that override the ones below them: a stream's over the global defaults, a request's
 * over its stream's. A {@code null} component leaves the option as it is.
 *
 * @param polarity        see {@link DetectorOption#POLARITY}
 * @param thresholdMethod see {@link DetectorOption#THRESHOLD_METHOD}
 * @param thresholdLevel  see {@link DetectorOption#THRESHOLD_LEVEL}
 * @param localWindow     see {@link DetectorOption#LOCAL_WINDOW}
 * @param fillHoles       see {@link DetectorOption#FILL_HOLES}
 * @param split           see {@link DetectorOption#SPLIT}
 * @param objectDiameter  see {@link DetectorOption#OBJECT_DIAMETER}
 * @param minArea         see {@link DetectorOption#MIN_AREA}
 * @param maxArea         see {@link DetectorOption#MAX_AREA}
 * @param excludeBorder   see {@link DetectorOption#EXCLUDE_BORDER}
 * @param connectivity    see {@link DetectorOption#CONNECTIVITY}
 */
public record DetectorOverrides(
        @Nullable Polarity polarity,
        @Nullable ThresholdMethod thresholdMethod,
        @Nullable Integer thresholdLevel,
        @Nullable Integer localWindow,
        @Nullable Boolean fillHoles,
        @Nullable Split split,
        @Nullable DiameterRange objectDiameter,
        @Nullable Integer minArea,
        @Nullable Integer maxArea,
        @Nullable Boolean excludeBorder,
        @Nullable Integer connectivity) {

    /** Overrides nothing. */
    public static final DetectorOverrides NONE =
            new DetectorOverrides(null, null, null, null, null, null, null, null, null, null, null);

    /**
     * Parses options given by their kebab-case names (a request's query parameters).
     *
     * @param values option name to its text value
     * @throws InvalidDetectorOption naming the first unknown option or bad value
     */
    public static DetectorOverrides parse(Map<String, String> values) {
        Polarity polarity = null;
        ThresholdMethod thresholdMethod = null;
        Integer thresholdLevel = null;
        Integer localWindow = null;
        Boolean fillHoles = null;
        Split split = null;
        DiameterRange objectDiameter = null;
        Integer minArea = null;
        Integer maxArea = null;
        Boolean excludeBorder = null;
        Integer connectivity = null;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String value = entry.getValue();
            DetectorOption option = DetectorOption.named(entry.getKey())
                    .orElseThrow(() -> new InvalidDetectorOption(
                            entry.getKey(),
                            "unknown detector option '" + entry.getKey() + "'; known: "
                                    + String.join(", ", DetectorOption.parameters())));
            switch (option) {
                case POLARITY -> polarity = option.parseEnum(Polarity.class, value);
                case THRESHOLD_METHOD -> thresholdMethod = option.parseEnum(ThresholdMethod.class, value);
                case THRESHOLD_LEVEL -> thresholdLevel = option.parseInt(value, 0, 255);
                case LOCAL_WINDOW -> {
                    localWindow = option.parseInt(value, 3, 1001);
                    if (localWindow % 2 == 0) {
                        throw option.invalid(value);
                    }
                }
                case FILL_HOLES -> fillHoles = option.parseBoolean(value);
                case SPLIT -> split = option.parseEnum(Split.class, value);
                case OBJECT_DIAMETER -> {
                    try {
                        objectDiameter = DiameterRange.valueOf(value);
                    } catch (IllegalArgumentException e) {
                        throw option.invalid(value);
                    }
                }
                case MIN_AREA -> minArea = option.parseInt(value, 1, Integer.MAX_VALUE);
                case MAX_AREA -> maxArea = option.parseInt(value, 0, Integer.MAX_VALUE);
                case EXCLUDE_BORDER -> excludeBorder = option.parseBoolean(value);
                case CONNECTIVITY -> {
                    connectivity = option.parseInt(value, 4, 8);
                    if (connectivity != 4 && connectivity != 8) {
                        throw option.invalid(value);
                    }
                }
            }
        }
        return new DetectorOverrides(
                polarity,
                thresholdMethod,
                thresholdLevel,
                localWindow,
                fillHoles,
                split,
                objectDiameter,
                minArea,
                maxArea,
                excludeBorder,
                connectivity);
    }

    /**
     * These overrides applied to {@code base}.
     *
     * @throws InvalidDetectorOption when the result is inconsistent (for example {@code max-area} below
     *                               {@code min-area})
     */
    public DetectorOptions applyTo(DetectorOptions base) {
        return new DetectorOptions(
                thresholdMethod != null ? thresholdMethod : base.thresholdMethod(),
                thresholdLevel != null ? thresholdLevel : base.thresholdLevel(),
                localWindow != null ? localWindow : base.localWindow(),
                polarity != null ? polarity : base.polarity(),
                connectivity != null ? connectivity : base.connectivity(),
                fillHoles != null ? fillHoles : base.fillHoles(),
                split != null ? split : base.split(),
                objectDiameter != null ? objectDiameter : base.objectDiameter(),
                minArea != null ? minArea : base.minArea(),
                maxArea != null ? maxArea : base.maxArea(),
                excludeBorder != null ? excludeBorder : base.excludeBorder());
    }
}

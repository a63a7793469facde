package dev.framepipe.detection;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The detector options in effect for one frame: the global defaults, overridden by the frame's stream,
 * overridden by the request. Immutable; echoed in the report.
 *
 * @param thresholdMethod how the threshold is chosen
 * @param thresholdLevel  the level of {@link ThresholdMethod#FIXED} (0..255)
 * @param localWindow     side of the {@link ThresholdMethod#LOCAL} window in pixels, odd, 3..1001
 * @param polarity        which side of the threshold the objects are on
 * @param connectivity    4 or 8 neighbours
 * @param fillHoles       whether holes are filled for measuring (they are counted either way)
 * @param split           whether touching objects are split
 * @param objectDiameter  expected diameter of one object in pixels, for splitting
 * @param minArea         objects smaller than this many pixels (holes filled) are dropped, at least 1
 * @param maxArea         objects larger than this many pixels are dropped; 0 for no limit
 * @param excludeBorder   whether objects touching the frame's border are dropped
 */
public record DetectorOptions(
        ThresholdMethod thresholdMethod,
        int thresholdLevel,
        int localWindow,
        Polarity polarity,
        int connectivity,
        boolean fillHoles,
        Split split,
        DiameterRange objectDiameter,
        int minArea,
        int maxArea,
        boolean excludeBorder) {

    public DetectorOptions {
        check(thresholdMethod != null, DetectorOption.THRESHOLD_METHOD, thresholdMethod);
        check(thresholdLevel >= 0 && thresholdLevel <= 255, DetectorOption.THRESHOLD_LEVEL, thresholdLevel);
        check(
                localWindow >= 3 && localWindow <= 1001 && localWindow % 2 == 1,
                DetectorOption.LOCAL_WINDOW,
                localWindow);
        check(polarity != null, DetectorOption.POLARITY, polarity);
        check(connectivity == 4 || connectivity == 8, DetectorOption.CONNECTIVITY, connectivity);
        check(split != null, DetectorOption.SPLIT, split);
        check(objectDiameter != null, DetectorOption.OBJECT_DIAMETER, objectDiameter);
        check(minArea >= 1, DetectorOption.MIN_AREA, minArea);
        check(maxArea >= 0, DetectorOption.MAX_AREA, maxArea);
        if (maxArea != 0 && maxArea < minArea) {
            throw new InvalidDetectorOption(
                    DetectorOption.MAX_AREA.parameter(),
                    "parameter 'max-area' (" + maxArea + ") is below 'min-area' (" + minArea
                            + "); use 0 for no upper limit");
        }
    }

    private static void check(boolean valid, DetectorOption option, Object value) {
        if (!valid) {
            throw option.invalid(String.valueOf(value));
        }
    }

    /** The global defaults of {@code framepipe.detector.*}, for use outside Spring. */
    public static DetectorOptions defaults() {
        return DetectorProperties.defaults().options();
    }

    /** Whether an object of this many pixels (holes filled) passes the area filters. */
    boolean keepsArea(long area) {
        return area >= minArea && (maxArea == 0 || area <= maxArea);
    }

    /** The options by their kebab-case names with the values a request would send, in option order. */
    public Map<String, String> asParameters() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(DetectorOption.POLARITY.parameter(), lower(polarity));
        map.put(DetectorOption.THRESHOLD_METHOD.parameter(), lower(thresholdMethod));
        map.put(DetectorOption.THRESHOLD_LEVEL.parameter(), Integer.toString(thresholdLevel));
        map.put(DetectorOption.LOCAL_WINDOW.parameter(), Integer.toString(localWindow));
        map.put(DetectorOption.FILL_HOLES.parameter(), Boolean.toString(fillHoles));
        map.put(DetectorOption.SPLIT.parameter(), lower(split));
        map.put(DetectorOption.OBJECT_DIAMETER.parameter(), objectDiameter.toString());
        map.put(DetectorOption.MIN_AREA.parameter(), Integer.toString(minArea));
        map.put(DetectorOption.MAX_AREA.parameter(), Integer.toString(maxArea));
        map.put(DetectorOption.EXCLUDE_BORDER.parameter(), Boolean.toString(excludeBorder));
        map.put(DetectorOption.CONNECTIVITY.parameter(), Integer.toString(connectivity));
        return map;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

package dev.framepipe.detection;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The detector's options by their kebab-case names, the same in configuration
 * ({@code framepipe.detector.<name>}, {@code framepipe.streams.<stream>.detector.<name>}) and as query
 * parameters of a frame request. The one list of the detector's names.
 */
public enum DetectorOption {
    POLARITY("polarity", "bright | dark | auto"),
    THRESHOLD_METHOD("threshold-method", "otsu | fixed | local"),
    THRESHOLD_LEVEL("threshold-level", "an integer 0..255"),
    LOCAL_WINDOW("local-window", "an odd integer 3..1001 (pixels)"),
    FILL_HOLES("fill-holes", "true | false"),
    SPLIT("split", "none | touching"),
    OBJECT_DIAMETER("object-diameter", "MIN-MAX in pixels, 2 <= MIN <= MAX"),
    MIN_AREA("min-area", "an integer >= 1 (pixels)"),
    MAX_AREA("max-area", "an integer >= 0 (pixels; 0 = no limit)"),
    EXCLUDE_BORDER("exclude-border", "true | false"),
    CONNECTIVITY("connectivity", "4 | 8");

    private final String parameter;
    private final String accepted;

    DetectorOption(String parameter, String accepted) {
        this.parameter = parameter;
        this.accepted = accepted;
    }

    /** The kebab-case name. */
    public String parameter() {
        return parameter;
    }

    /** What values the option takes, for messages and documentation. */
    public String accepted() {
        return accepted;
    }

    /** The option of that kebab-case name, if any. */
    public static Optional<DetectorOption> named(String name) {
        return Arrays.stream(values()).filter(o -> o.parameter.equals(name)).findFirst();
    }

    /** Every kebab-case name, in declaration order. */
    public static List<String> parameters() {
        return Arrays.stream(values()).map(DetectorOption::parameter).toList();
    }

    InvalidDetectorOption invalid(String value) {
        return new InvalidDetectorOption(
                parameter, "parameter '" + parameter + "' cannot be '" + value + "'; expected " + accepted);
    }

    int parseInt(String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw invalid(value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(value);
        }
    }

    boolean parseBoolean(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw invalid(value);
    }

    <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(value);
        }
    }
}

package dev.framepipe.web;

import java.util.Locale;

/** How much of a frame report a client asks for ({@code detail} query parameter). */
public enum ReportDetail {
    /** Everything but the {@code objects} list: ids, outcome, threshold, counts per class, timings, failures. */
    COUNTS,
    /** Also the objects, each with its id, box, centroid, area, perimeter, border contact, label and confidence. */
    OBJECTS,
    /** The whole report: each object also with its {@code size} and the classifier's {@code features} (the default). */
    FULL;

    /** The parameter's values, as clients write them. */
    public static final String VALUES = "counts, objects, full";

    /**
     * The detail named by the parameter; {@link #FULL} when it is absent.
     *
     * @throws InvalidFrameRequest when it names none of {@link #VALUES}
     */
    public static ReportDetail parse(String value) {
        if (value == null) {
            return FULL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "counts" -> COUNTS;
            case "objects" -> OBJECTS;
            case "full" -> FULL;
            default -> throw new InvalidFrameRequest("detail '" + value + "' is not one of " + VALUES);
        };
    }
}

package dev.framepipe.stats;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a frame ended; the {@code outcome} tag of {@code framepipe.frames}. */
public enum Outcome {
    /** Every stage succeeded. */
    OK,
    /** One middle stage failed; the report carries what the other produced. */
    PARTIAL,
    /** Refused before analysis: bad input, saturated, not ready (4xx and 503). */
    REJECTED,
    /** Accepted but not analysed: deadline exceeded or a stage failed (5xx other than 503). */
    FAILED;

    /** The lower-case name used in JSON and meter tags. */
    @JsonValue
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return tag();
    }
}

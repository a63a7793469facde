package dev.framepipe.pipeline;

import java.util.Locale;

/**
 * The pipeline's stages, in order. Their {@link #tag() tags} name them in frame reports
 * ({@code timingsMicros}, {@code failures}), problem responses and the {@code stage} tag of
 * {@code framepipe.stage.duration}.
 */
public enum Stage {
    DECODE,
    DETECT,
    SIZE,
    CLASSIFY,
    AGGREGATE;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used on the wire and in meter tags. */
    public String tag() {
        return tag;
    }

    @Override
    public String toString() {
        return tag;
    }
}

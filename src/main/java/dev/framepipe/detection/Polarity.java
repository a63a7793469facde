package dev.framepipe.detection;

/** Which side of the threshold the objects are on. */
public enum Polarity {
    /** Bright objects on a dark background: foreground is luminance above the threshold. */
    BRIGHT,
    /** Dark objects on a bright background: foreground is luminance at or below the threshold. */
    DARK,
    /**
     * Chosen per frame ({@link BorderOwnedPolarity}): the background is the class that owns a band along
     * the frame's border; when the border is ambiguous, the objects are the minority side.
     */
    AUTO
}

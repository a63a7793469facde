package dev.framepipe.detection;

/** Which side of the threshold the objects are on. */
public enum Polarity {
    /** Bright objects on a dark background: foreground is luminance above the threshold. */
    BRIGHT,
    /** Dark objects on a bright background: foreground is luminance at or below the threshold. */
    DARK,
    /** Chosen per frame: the objects are the minority side of the threshold. */
    AUTO
}

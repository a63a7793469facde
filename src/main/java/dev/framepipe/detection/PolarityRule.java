package dev.framepipe.detection;

/** What decided the polarity of a frame, as reported with the detection. */
public enum PolarityRule {
    /** The configured or requested polarity ({@code bright} or {@code dark}). */
    CONFIGURED,
    /** {@code auto}: the class that covers most of the band along the frame's border is the background. */
    BORDER,
    /** {@code auto} with an ambiguous border: the objects are the side of the threshold with fewer pixels. */
    MINORITY
}

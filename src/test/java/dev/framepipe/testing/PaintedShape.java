package dev.framepipe.testing;

/** The shapes the {@link SyntheticFrames} generator can paint. */
public enum PaintedShape {
    // Ellipses, rectangles and bars are at least 2.5 px thick: a smaller size is raised to keep the ratio.
    /** A disc; {@code size} is its diameter. */
    DISC,
    /** An ellipse at any rotation; {@code size} is its major axis, the axis ratio is drawn from a range. */
    ELLIPSE,
    /** A rectangle at any rotation, aspect 1..~1.8; {@code size} is its long side. */
    RECTANGLE,
    /** A thin rectangle, aspect at least 4, at any rotation; {@code size} is its length. */
    BAR,
    /**
     * A clearly non-convex lobed star {@code r(t) = r0 (1 + a sin(k t + phase))}, {@code k} in 3..6,
     * {@code a} in 0.3..0.45; {@code size} is its outer diameter {@code 2 r0 (1 + a)}. Lobes are only
     * resolved from about 20 px up.
     */
    BLOB,
    /**
     * An annulus (a washer): {@code size} is its outer diameter, the inner diameter is 0.4..0.6 of it. Its
     * hole is known exactly ({@link TruthObject#holeArea()}).
     */
    RING;

    /** The kinds without holes, the generator's default (the scenes of the first detector). */
    public static PaintedShape[] solid() {
        return new PaintedShape[] {DISC, ELLIPSE, RECTANGLE, BAR, BLOB};
    }
}

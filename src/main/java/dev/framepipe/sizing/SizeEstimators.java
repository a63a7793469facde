package dev.framepipe.sizing;

/** Creates the size estimator outside Spring (tests, benchmarks, command-line tools). */
public final class SizeEstimators {

    private SizeEstimators() {}

    /**
     * The moment-and-hull size estimator: area, equivalent diameter, moment ellipse (pixel-square
     * convention, see {@code ObjectSize}), convex hull of the pixel squares, maximum and minimum
     * Feret diameters, and millimetres when the properties carry a scale.
     *
     * @param properties the scale; {@link SizingProperties#uncalibrated()} for pixels only
     * @return a thread-safe estimator
     */
    public static SizeEstimator create(SizingProperties properties) {
        return new MomentSizeEstimator(properties);
    }
}

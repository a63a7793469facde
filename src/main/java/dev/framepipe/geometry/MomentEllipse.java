package dev.framepipe.geometry;

/**
 * The ellipse with the same second moments as an object's pixel squares.
 *
 * <p>The detector's moments are over pixel centres; a unit pixel square adds {@code 1/12} to the
 * variance in x and in y, so {@code 1/12} is added to {@code mu20} and {@code mu02} before the
 * eigen-decomposition. Then a solid ellipse with axes {@code a, b} gives exactly {@code a, b}, a
 * single pixel gives a circle of diameter {@code 4/sqrt 12}, and an L x W rectangle gives about
 * {@code 2L/sqrt 3}. Axis = {@code 4 sqrt(eigenvalue)}.
 *
 * @param major       major axis, pixels
 * @param minor       minor axis, pixels
 * @param orientation major-axis angle in degrees, (-90, 90], counter-clockwise from x with y up
 * @param lambda1     larger eigenvalue of the covariance, square pixels
 * @param lambda2     smaller eigenvalue, square pixels
 */
public record MomentEllipse(double major, double minor, double orientation, double lambda1, double lambda2) {

    /** Variance of a uniform unit interval: what a pixel square adds to a pixel-centre moment. */
    public static final double PIXEL_VARIANCE = 1.0 / 12.0;

    /** The ellipse of the pixel squares whose pixel-centre moments are given. */
    public static MomentEllipse of(Moments moments) {
        double mu11 = moments.mu11();
        double a = moments.mu20() + PIXEL_VARIANCE;
        double c = moments.mu02() + PIXEL_VARIANCE;
        double mean = (a + c) / 2;
        double radius = Math.hypot((a - c) / 2, mu11);
        double lambda1 = mean + radius;
        double lambda2 = Math.max(0, mean - radius);
        // Image rows grow downwards: the y-up angle is the negated image angle.
        double imageAngle = 0.5 * Math.atan2(2 * mu11, a - c);
        double degrees = -Math.toDegrees(imageAngle);
        if (degrees <= -90) {
            degrees += 180;
        } else if (degrees > 90) {
            degrees -= 180;
        }
        return new MomentEllipse(4 * Math.sqrt(lambda1), 4 * Math.sqrt(lambda2), degrees + 0.0, lambda1, lambda2);
    }

    /** Ratio of the major to the minor axis, at least 1; {@link Double#MAX_VALUE} for a degenerate (line) shape. */
    public double elongation() {
        return lambda2 > 0 ? Math.sqrt(lambda1 / lambda2) : Double.MAX_VALUE;
    }
}

package dev.framepipe.geometry;

/**
 * The moments of an object's pixels up to the second order, over pixel centres at integer coordinates:
 * the area (zeroth moment), the centroid (first moments over the area) and the second central moments over
 * the area. What the detector measures and {@link MomentEllipse} turns into axes and an orientation.
 *
 * @param area     number of pixels, at least 1
 * @param centroid mean column and mean row
 * @param mu20     central second moment in x divided by the area (pixels squared), at least 0
 * @param mu11     central mixed moment divided by the area (pixels squared)
 * @param mu02     central second moment in y divided by the area (pixels squared), at least 0
 */
public record Moments(long area, Point centroid, double mu20, double mu11, double mu02) {

    /**
     * The moments from raw sums over the pixels {@code (x, y)}; the two variances are clamped at 0 against
     * rounding.
     *
     * @param area  number of pixels, at least 1
     * @param sumX  sum of x
     * @param sumY  sum of y
     * @param sumXX sum of x squared
     * @param sumXY sum of x times y
     * @param sumYY sum of y squared
     */
    public static Moments ofSums(long area, long sumX, long sumY, long sumXX, long sumXY, long sumYY) {
        double cx = (double) sumX / area;
        double cy = (double) sumY / area;
        double mu20 = Math.max(0, (double) sumXX / area - cx * cx);
        double mu02 = Math.max(0, (double) sumYY / area - cy * cy);
        double mu11 = (double) sumXY / area - cx * cy;
        return new Moments(area, new Point(cx, cy), mu20, mu11, mu02);
    }
}

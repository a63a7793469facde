package dev.framepipe.sizing;

/**
 * Measurements of one object. Lengths in pixels; {@code mm} holds the same in millimetres
 * when a scale is configured, otherwise {@code null}.
 *
 * <p>Convention: every pixel counts as its unit square. The moment ellipse is that of the
 * pixel squares (pixel-centre moments plus 1/12 on the diagonal), and the hull and Feret
 * diameters are those of the union of the squares, so a single pixel has a max Feret of
 * {@code sqrt 2} and a digital disc of diameter {@code d} one of about {@code d + 0.5..1.4}.
 *
 * @param objectId            id of the measured {@code DetectedObject}
 * @param area                area in pixels
 * @param equivalentDiameter  diameter of the disc with the same area, {@code sqrt(4A/pi)}
 * @param majorAxis           major axis of the ellipse with the same second moments ({@code 4 sqrt(lambda1)})
 * @param minorAxis           minor axis of that ellipse
 * @param orientation         angle of the major axis in degrees, in (-90, 90], counter-clockwise
 *                            from the x axis with y pointing up (image rows grow downwards)
 * @param convexHullArea      area of the convex hull of the pixel squares
 * @param convexHullVertices  number of hull vertices
 * @param maxFeret            largest caliper diameter
 * @param minFeret            smallest caliper diameter (width)
 * @param mm                  the lengths and area in millimetres, or {@code null} without a scale
 */
public record ObjectSize(
        int objectId,
        double area,
        double equivalentDiameter,
        double majorAxis,
        double minorAxis,
        double orientation,
        double convexHullArea,
        int convexHullVertices,
        double maxFeret,
        double minFeret,
        Millimetres mm) {

    /**
     * The scaled measurements.
     *
     * @param area               square millimetres
     * @param equivalentDiameter millimetres
     * @param majorAxis          millimetres
     * @param minorAxis          millimetres
     * @param maxFeret           millimetres
     * @param minFeret           millimetres
     */
    public record Millimetres(
            double area, double equivalentDiameter, double majorAxis, double minorAxis,
            double maxFeret, double minFeret) {
    }
}

package dev.framepipe.sizing;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Measurements of one object. Lengths in pixels; {@code mm} holds the same in millimetres
 * when a scale is configured, otherwise {@code null}.
 *
 * <p>Convention: every pixel counts as its unit square. The moment ellipse is that of the
 * pixel squares (pixel-centre moments plus 1/12 on the diagonal), and the hull and Feret
 * diameters are those of the union of the squares, so a single pixel has a max Feret of
 * {@code sqrt 2} and a digital disc of diameter {@code d} one of about {@code d + 0.5..1.4}.
 *
 * <p>The JSON document is flat: the three groups are written field by field in place
 * ({@link JsonUnwrapped}), as {@code majorAxis, minorAxis, orientation, convexHullArea, convexHullVertices,
 * maxFeret, minFeret}.
 *
 * @param objectId            id of the measured {@code DetectedObject}
 * @param area                area in pixels
 * @param equivalentDiameter  diameter of the disc with the same area, {@code sqrt(4A/pi)}
 * @param ellipse             the ellipse with the same second moments
 * @param convexHull          the convex hull of the pixel squares
 * @param feret               the caliper diameters
 * @param mm                  the lengths and area in millimetres, or {@code null} without a scale
 */
public record ObjectSize(
        int objectId,
        double area,
        double equivalentDiameter,
        @JsonUnwrapped Ellipse ellipse,
        @JsonUnwrapped ConvexHull convexHull,
        @JsonUnwrapped Feret feret,
        Millimetres mm) {

    /**
     * The ellipse with the same second moments as the object's pixel squares.
     *
     * @param majorAxis   major axis ({@code 4 sqrt(lambda1)})
     * @param minorAxis   minor axis
     * @param orientation angle of the major axis in degrees, in (-90, 90], counter-clockwise from the x axis
     *                    with y pointing up (image rows grow downwards)
     */
    public record Ellipse(double majorAxis, double minorAxis, double orientation) {}

    /**
     * The convex hull of the object's pixel squares.
     *
     * @param convexHullArea     its area
     * @param convexHullVertices its number of vertices
     */
    public record ConvexHull(double convexHullArea, int convexHullVertices) {}

    /**
     * The caliper (Feret) diameters.
     *
     * @param maxFeret largest caliper diameter
     * @param minFeret smallest caliper diameter (width)
     */
    public record Feret(double maxFeret, double minFeret) {}

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
            double area,
            double equivalentDiameter,
            double majorAxis,
            double minorAxis,
            double maxFeret,
            double minFeret) {}
}

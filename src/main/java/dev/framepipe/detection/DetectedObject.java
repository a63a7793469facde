package dev.framepipe.detection;

import dev.framepipe.geometry.Moments;
import dev.framepipe.geometry.Point;

/**
 * One object found by the {@link Detector}. Immutable. With {@code fill-holes} (the default) the moments,
 * intensity and runs include the object's holes; {@code holes} and {@code holeArea} describe them either way.
 *
 * @param id            1-based id, unique within the frame, in raster order of first pixel
 * @param box           bounding box
 * @param moments       area (number of pixels), centroid and second central moments, over pixel centres
 * @param perimeter     length of the outer boundary in pixels (method named by the detector)
 * @param touchesBorder whether any pixel lies on the frame's first or last row or column
 * @param intensitySum  sum of the luminance of the object's pixels
 * @param runs          the object's pixels as runs
 * @param holes         number of holes (background components enclosed by the object)
 * @param holeArea      pixels enclosed by the object's holes (any object inside a hole included)
 */
public record DetectedObject(
        int id,
        Box box,
        Moments moments,
        double perimeter,
        boolean touchesBorder,
        long intensitySum,
        Runs runs,
        int holes,
        long holeArea) {

    /** An object without holes. */
    public DetectedObject(
            int id, Box box, Moments moments, double perimeter, boolean touchesBorder, long intensitySum, Runs runs) {
        this(id, box, moments, perimeter, touchesBorder, intensitySum, runs, 0, 0);
    }

    /** Number of pixels: shorthand for {@code moments().area()}. */
    public long area() {
        return moments.area();
    }

    /** Centre of mass, pixel centres at integer coordinates: shorthand for {@code moments().centroid()}. */
    public Point centroid() {
        return moments.centroid();
    }

    /** Mean luminance (0..255) of the object's pixels. */
    public double meanIntensity() {
        long area = moments.area();
        return area == 0 ? 0 : (double) intensitySum / area;
    }
}

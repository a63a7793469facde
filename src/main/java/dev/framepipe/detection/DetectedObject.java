package dev.framepipe.detection;

/**
 * One object found by the {@link Detector}. Immutable. With {@code fill-holes} (the default) the area,
 * moments, intensity and runs include the object's holes; {@code holes} and {@code holeArea} describe
 * them either way.
 *
 * @param id            1-based id, unique within the frame, in raster order of first pixel
 * @param box           bounding box
 * @param area          number of pixels
 * @param centroidX     mean column (pixel centres at integer coordinates)
 * @param centroidY     mean row
 * @param mu20          central second moment in x divided by the area (pixels squared)
 * @param mu11          central mixed moment divided by the area (pixels squared)
 * @param mu02          central second moment in y divided by the area (pixels squared)
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
        long area,
        double centroidX,
        double centroidY,
        double mu20,
        double mu11,
        double mu02,
        double perimeter,
        boolean touchesBorder,
        long intensitySum,
        Runs runs,
        int holes,
        long holeArea) {

    /** An object without holes. */
    public DetectedObject(int id, Box box, long area, double centroidX, double centroidY, double mu20, double mu11,
                          double mu02, double perimeter, boolean touchesBorder, long intensitySum, Runs runs) {
        this(id, box, area, centroidX, centroidY, mu20, mu11, mu02, perimeter, touchesBorder, intensitySum, runs, 0, 0);
    }

    /** Mean luminance (0..255) of the object's pixels. */
    public double meanIntensity() {
        return area == 0 ? 0 : (double) intensitySum / area;
    }
}

package dev.framepipe.detection;

/**
 * An axis-aligned bounding box in pixel coordinates.
 *
 * @param x      leftmost column
 * @param y      topmost row
 * @param width  number of columns, at least 1
 * @param height number of rows, at least 1
 */
public record Box(int x, int y, int width, int height) {

    /** Number of pixels the box covers. */
    public long area() {
        return (long) width * height;
    }
}

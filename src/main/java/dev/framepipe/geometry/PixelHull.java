package dev.framepipe.geometry;

import java.util.Arrays;

/**
 * The convex hull of an object's pixel <em>squares</em> and the caliper measurements on it.
 *
 * <p>Convention: pixel {@code (x, y)} covers the unit square {@code [x, x+1] x [y, y+1]}, so the
 * hull is built from the corners of the run end points; for every row only the leftmost and
 * rightmost corners matter. Hence a single pixel has a hull of area 1 and Feret diameters 1 and
 * {@code sqrt 2}, and a digital disc of diameter {@code d} has a maximum Feret of about
 * {@code d + 0.5..1.4}: the exact caliper diameter of the painted squares, not of the continuous
 * shape they sample. Coordinates are the frame's integer pixel grid, so every vertex is exact.
 *
 * <p>Algorithms: Andrew's monotone chain (A. M. Andrew, "Another efficient algorithm for convex
 * hulls in two dimensions", 1979), in linear time because runs already arrive sorted by row;
 * rotating calipers for the diameter (M. I. Shamos, 1978) and for the width and the minimum-area
 * enclosing rectangle (G. T. Toussaint, "Solving geometric problems with the rotating calipers",
 * 1983), both linear in the number of hull vertices.
 *
 * <p>Immutable and thread-safe; the runs are not modified. The size estimator and the classifier
 * share one hull per object per frame: {@code dev.framepipe.detection.Runs#hull()} computes it once,
 * on first use, whichever stage asks first.
 */
public final class PixelHull {

    private final long[] xs;
    private final long[] ys;
    private final double area;
    private final double perimeter;
    private final double maxFeret;
    private final double minFeret;
    private final double minRectangleArea;

    private PixelHull(long[] xs, long[] ys) {
        this.xs = xs;
        this.ys = ys;
        this.area = shoelace(xs, ys);
        this.perimeter = perimeter(xs, ys);
        this.maxFeret = diameter(xs, ys);
        double[] widthAndRect = widthAndRectangle(xs, ys);
        this.minFeret = widthAndRect[0];
        this.minRectangleArea = widthAndRect[1];
    }

    /**
     * The hull of the pixel squares covered by the runs.
     *
     * @param runs the object's pixels, sorted by row as the detector delivers them; not modified
     * @return the hull; an empty hull (no vertices, all measures zero) for no runs
     */
    public static PixelHull of(RowRuns runs) {
        int n = runs.count();
        if (n == 0) {
            return new PixelHull(new long[0], new long[0]);
        }
        int minY = Integer.MAX_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            minY = Math.min(minY, runs.y(i));
            maxY = Math.max(maxY, runs.y(i));
        }
        // Leftmost and rightmost column edge on every horizontal grid line Y in [minY, maxY + 1]:
        // the line is touched by the bottom edges of row Y - 1 and the top edges of row Y.
        int lines = maxY - minY + 2;
        int[] left = new int[lines];
        int[] right = new int[lines];
        Arrays.fill(left, Integer.MAX_VALUE);
        Arrays.fill(right, Integer.MIN_VALUE);
        for (int i = 0; i < n; i++) {
            int row = runs.y(i) - minY;
            int x0 = runs.x0(i);
            int x1 = runs.x1(i);
            if (x1 <= x0) {
                continue;
            }
            for (int line = row; line <= row + 1; line++) {
                left[line] = Math.min(left[line], x0);
                right[line] = Math.max(right[line], x1);
            }
        }
        // Points in (y, x) lexicographic order, ready for the monotone chain.
        long[] px = new long[2 * lines];
        long[] py = new long[2 * lines];
        int count = 0;
        for (int line = 0; line < lines; line++) {
            if (left[line] == Integer.MAX_VALUE) {
                continue;
            }
            px[count] = left[line];
            py[count++] = minY + line;
            px[count] = right[line];
            py[count++] = minY + line;
        }
        return monotoneChain(px, py, count);
    }

    /**
     * Andrew's monotone chain over points sorted lexicographically (by y, then x). Collinear
     * points are dropped, so the result has only strict turns.
     */
    static PixelHull monotoneChain(long[] px, long[] py, int count) {
        if (count == 0) {
            return new PixelHull(new long[0], new long[0]);
        }
        long[] hx = new long[2 * count + 1];
        long[] hy = new long[2 * count + 1];
        int k = 0;
        for (int i = 0; i < count; i++) {
            while (k >= 2 && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], px[i], py[i]) <= 0) {
                k--;
            }
            hx[k] = px[i];
            hy[k++] = py[i];
        }
        int lower = k + 1;
        for (int i = count - 2; i >= 0; i--) {
            while (k >= lower && cross(hx[k - 2], hy[k - 2], hx[k - 1], hy[k - 1], px[i], py[i]) <= 0) {
                k--;
            }
            hx[k] = px[i];
            hy[k++] = py[i];
        }
        int vertices = Math.max(1, k - 1); // the last point repeats the first
        return new PixelHull(Arrays.copyOf(hx, vertices), Arrays.copyOf(hy, vertices));
    }

    private static long cross(long ox, long oy, long ax, long ay, long bx, long by) {
        return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
    }

    private static double shoelace(long[] xs, long[] ys) {
        int h = xs.length;
        long twice = 0;
        for (int i = 0; i < h; i++) {
            int j = (i + 1) % h;
            twice += xs[i] * ys[j] - xs[j] * ys[i];
        }
        return Math.abs(twice) / 2.0;
    }

    private static double perimeter(long[] xs, long[] ys) {
        int h = xs.length;
        if (h < 2) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < h; i++) {
            int j = (i + 1) % h;
            sum += Math.sqrt(dist2(xs, ys, i, j));
        }
        return sum;
    }

    /** Rotating calipers over antipodal pairs (Shamos 1978). */
    private static double diameter(long[] xs, long[] ys) {
        int h = xs.length;
        if (h < 2) {
            return 0;
        }
        long best = 0;
        int j = farthestFromEdge(xs, ys, 0);
        for (int i = 0; i < h; i++) {
            int i1 = (i + 1) % h;
            for (int steps = 0; steps < h && heightOver(xs, ys, i, (j + 1) % h) > heightOver(xs, ys, i, j); steps++) {
                j = (j + 1) % h;
            }
            best = Math.max(best, Math.max(dist2(xs, ys, i, j), dist2(xs, ys, i1, j)));
        }
        return Math.sqrt(best);
    }

    /**
     * For each hull edge, the width of the hull perpendicular to it and the area of the enclosing
     * rectangle aligned with it (Toussaint 1983: one side of the minimum-area enclosing rectangle,
     * and one side of the narrowest strip, lies on a hull edge). Three calipers, each advanced
     * monotonically around the hull.
     *
     * @return {minimum width, minimum enclosing-rectangle area}
     */
    private static double[] widthAndRectangle(long[] xs, long[] ys) {
        int h = xs.length;
        if (h < 3) {
            return new double[] {0, 0};
        }
        double minWidth = Double.MAX_VALUE;
        double minRect = Double.MAX_VALUE;
        int far = farthestFromEdge(xs, ys, 0);
        int ahead = 0;
        int behind = 0;
        for (int k = 1; k < h; k++) {
            if (along(xs, ys, 0, k) > along(xs, ys, 0, ahead)) {
                ahead = k;
            }
            if (along(xs, ys, 0, k) < along(xs, ys, 0, behind)) {
                behind = k;
            }
        }
        for (int i = 0; i < h; i++) {
            for (int s = 0; s < h && heightOver(xs, ys, i, (far + 1) % h) > heightOver(xs, ys, i, far); s++) {
                far = (far + 1) % h;
            }
            for (int s = 0; s < h && along(xs, ys, i, (ahead + 1) % h) > along(xs, ys, i, ahead); s++) {
                ahead = (ahead + 1) % h;
            }
            for (int s = 0; s < h && along(xs, ys, i, (behind + 1) % h) < along(xs, ys, i, behind); s++) {
                behind = (behind + 1) % h;
            }
            double len = Math.sqrt(dist2(xs, ys, i, (i + 1) % h));
            double width = heightOver(xs, ys, i, far) / len;
            double length = (along(xs, ys, i, ahead) - along(xs, ys, i, behind)) / len;
            minWidth = Math.min(minWidth, width);
            minRect = Math.min(minRect, width * length);
        }
        return new double[] {minWidth, minRect};
    }

    private static int farthestFromEdge(long[] xs, long[] ys, int edge) {
        int far = 0;
        for (int k = 1; k < xs.length; k++) {
            if (heightOver(xs, ys, edge, k) > heightOver(xs, ys, edge, far)) {
                far = k;
            }
        }
        return far;
    }

    /** Twice the area of the triangle (edge start, edge end, vertex k): the height times the edge length. */
    private static long heightOver(long[] xs, long[] ys, int edge, int k) {
        int e1 = (edge + 1) % xs.length;
        return Math.abs(cross(xs[edge], ys[edge], xs[e1], ys[e1], xs[k], ys[k]));
    }

    /** Projection of vertex k on the direction of the edge, times the edge length. */
    private static long along(long[] xs, long[] ys, int edge, int k) {
        int e1 = (edge + 1) % xs.length;
        return (xs[e1] - xs[edge]) * (xs[k] - xs[edge]) + (ys[e1] - ys[edge]) * (ys[k] - ys[edge]);
    }

    private static long dist2(long[] xs, long[] ys, int a, int b) {
        long dx = xs[a] - xs[b];
        long dy = ys[a] - ys[b];
        return dx * dx + dy * dy;
    }

    /** Number of hull vertices (no three collinear). */
    public int vertexCount() {
        return xs.length;
    }

    /** Column of vertex {@code i}, on the pixel-corner grid. */
    public long x(int i) {
        return xs[i];
    }

    /** Row of vertex {@code i}, on the pixel-corner grid. */
    public long y(int i) {
        return ys[i];
    }

    /** Hull area in square pixels (shoelace formula). */
    public double area() {
        return area;
    }

    /** Hull perimeter in pixels. */
    public double perimeter() {
        return perimeter;
    }

    /** Largest caliper diameter: the largest distance between two hull vertices, pixels. */
    public double maxFeret() {
        return maxFeret;
    }

    /** Smallest caliper diameter (the width), pixels. */
    public double minFeret() {
        return minFeret;
    }

    /** Area of the smallest enclosing rectangle at any rotation, square pixels. */
    public double minRectangleArea() {
        return minRectangleArea;
    }
}

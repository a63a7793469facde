package dev.framepipe.detection;

import dev.framepipe.frame.WorkCheckpoint;

/**
 * Exact Euclidean distance transform in linear time: P. F. Felzenszwalb and D. P. Huttenlocher, "Distance
 * Transforms of Sampled Functions", Theory of Computing 8, 2012. The squared distance is the lower envelope
 * of parabolas, computed in one pass per column and then one per row. BoofCV has no Euclidean transform of
 * a binary image (only city-block and chessboard ones), hence this class.
 */
final class EuclideanDistanceTransform {

    private static final double FAR = 1e20;

    private EuclideanDistanceTransform() {}

    /**
     * @param mask   one byte per pixel, row-major, non-zero inside; not modified. Pixels outside the
     *               image count as inside (pad the mask to measure to its edge)
     * @param width  columns
     * @param height rows
     * @return per pixel, the distance in pixels to the nearest pixel whose mask is zero (0 on those);
     *         {@code 1e10} when the mask has no zero pixel
     */
    static double[] distances(byte[] mask, int width, int height) {
        double[] grid = new double[width * height];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = mask[i] != 0 ? FAR : 0;
        }
        int longest = Math.max(width, height);
        double[] f = new double[longest];
        double[] d = new double[longest];
        int[] v = new int[longest];
        double[] z = new double[longest + 1];
        for (int x = 0; x < width; x++) {
            WorkCheckpoint.check();
            for (int y = 0; y < height; y++) {
                f[y] = grid[y * width + x];
            }
            transform(f, height, d, v, z);
            for (int y = 0; y < height; y++) {
                grid[y * width + x] = d[y];
            }
        }
        for (int y = 0; y < height; y++) {
            WorkCheckpoint.check();
            System.arraycopy(grid, y * width, f, 0, width);
            transform(f, width, d, v, z);
            for (int x = 0; x < width; x++) {
                grid[y * width + x] = Math.sqrt(d[x]);
            }
        }
        return grid;
    }

    /** The one-dimensional squared transform of {@code f[0..n)} into {@code d}: min over q of (p - q)^2 + f(q). */
    private static void transform(double[] f, int n, double[] d, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            d[q] = dq * dq + f[v[k]];
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}

package dev.framepipe.baseline;

/**
 * The synthetic work of the original Python controller, as pure functions, so that FramePipe and the
 * Python design can be compared on exactly the same work. Every loop uses {@code long} arithmetic and
 * truncating integer division, as Python's {@code //} does for these non-negative values.
 *
 * <p>Stateless and thread-safe.
 */
public final class BaselineWorkload {

    /** Number of objects the baseline detector returns for every frame. */
    public static final int OBJECTS = 50;

    private BaselineWorkload() {}

    /**
     * The detector's object {@code x} (0-based) as the Python tuple {@code [x, 100-x, x, x, x]}.
     *
     * @param x 0..{@value #OBJECTS}-1
     */
    public static long[] object(int x) {
        return new long[] {x, 100 - x, x, x, x};
    }

    /**
     * The size estimator's work for object {@code x}:
     * {@code res = 0; for i in 0 until 10000+x: res = res / 20 + (i + x)}.
     *
     * @return {@code res}, the size
     */
    public static long size(long x) {
        long res = 0;
        for (long i = 0; i < 10_000 + x; i++) {
            res = res / 20 + (i + x);
        }
        return res;
    }

    /**
     * The classifier's work for the object at {@code (x, y)}:
     * {@code res = 0; for i in 0 until 10000+y: res = res / 20 + (i + x*x)}.
     *
     * @return {@code res}; the class is {@code res % 4}
     */
    public static long classValue(long x, long y) {
        long res = 0;
        for (long i = 0; i < 10_000 + y; i++) {
            res = res / 20 + (i + x * x);
        }
        return res;
    }
}

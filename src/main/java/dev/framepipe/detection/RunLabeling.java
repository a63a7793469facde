package dev.framepipe.detection;

import dev.framepipe.frame.Frame;
import dev.framepipe.frame.WorkCheckpoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Run-based union-find connected-component labeling in the manner of L. He, Y. Chao and K. Suzuki, "A
 * run-based two-scan labeling algorithm", IEEE Trans. Image Processing 17(5), 2008. Per row the foreground
 * runs are read directly from the luminance, copied a row at a time into the scratch (or from a foreground
 * mask; no binary image is built for a global threshold) and each run is united with the runs of the
 * previous row it touches (4-connectivity: the column ranges overlap; 8-connectivity: they overlap or touch diagonally). The union links the larger
 * root under the smaller with path halving, so every component's root is its first run in raster order;
 * {@link #find} resolves them in the second scan.
 *
 * <p>Output is written into a {@link DetectorScratch}: runs {@code 0..n-1} in raster order with row,
 * columns {@code [x0, x1)}, luminance sum, and the union-find parent.
 */
final class RunLabeling {

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RunLabeling() {}

    /**
     * Labels the pixels on the object side of a global level. Foreground is {@code (luminance ^ flip) > level}:
     * flipping all bits of an 8-bit value maps {@code luminance <= t} to {@code 255 - luminance > 254 - t},
     * so both polarities share one loop.
     *
     * @param maxRuns labeling stops at this many runs ({@code s.cut} is then set): the rows above are labelled,
     *                the row of the cut only in part, the rows below not at all
     * @return the number of runs
     */
    static int label(Frame frame, DetectorScratch s, int threshold, Polarity polarity, int connectivity, int maxRuns) {
        int width = frame.width();
        int height = frame.height();
        int flip = polarity == Polarity.BRIGHT ? 0 : 0xFF;
        int level = polarity == Polarity.BRIGHT ? threshold : 254 - threshold;
        int reach = connectivity == 8 ? 1 : 0;
        long flipWord = flip == 0 ? 0L : -1L;
        byte[] pixels = s.row(width);
        int n = 0;
        int previousStart = 0;
        int previousEnd = 0;
        for (int y = 0; y < height; y++) {
            WorkCheckpoint.check();
            frame.copyRow(y, pixels);
            int x = 0;
            int p = previousStart;
            while (x < width) {
                // Background is skipped eight pixels at a time, then pixel by pixel up to the run.
                while (x + 8 <= width && !anyAbove(word(pixels, x) ^ flipWord, level)) {
                    x += 8;
                }
                while (x < width && ((pixels[x] & 0xFF) ^ flip) <= level) {
                    x++;
                }
                if (x == width) {
                    break;
                }
                int x0 = x;
                int intensity = 0;
                int v;
                while (x < width && ((v = pixels[x] & 0xFF) ^ flip) > level) {
                    intensity += v;
                    x++;
                }
                if (n == maxRuns) {
                    s.cut = true;
                    return n;
                }
                p = addRun(s, n++, y, x0, x, intensity, p, previousEnd, reach, maxRuns);
            }
            previousStart = previousEnd;
            previousEnd = n;
        }
        return n;
    }

    /**
     * Labels the pixels of a foreground mask (a local threshold's output).
     *
     * @param mask one byte per pixel, row-major, non-zero for foreground; not modified
     * @param maxRuns as for the global level
     * @return the number of runs
     */
    static int label(Frame frame, byte[] mask, DetectorScratch s, int connectivity, int maxRuns) {
        int width = frame.width();
        int height = frame.height();
        int reach = connectivity == 8 ? 1 : 0;
        int n = 0;
        int previousStart = 0;
        int previousEnd = 0;
        for (int y = 0; y < height; y++) {
            WorkCheckpoint.check();
            int row = y * width;
            int x = 0;
            int p = previousStart;
            while (x < width) {
                while (x < width && mask[row + x] == 0) {
                    x++;
                }
                if (x == width) {
                    break;
                }
                int x0 = x;
                int intensity = 0;
                while (x < width && mask[row + x] != 0) {
                    intensity += frame.luminance(row + x);
                    x++;
                }
                if (n == maxRuns) {
                    s.cut = true;
                    return n;
                }
                p = addRun(s, n++, y, x0, x, intensity, p, previousEnd, reach, maxRuns);
            }
            previousStart = previousEnd;
            previousEnd = n;
        }
        return n;
    }

    /**
     * Stores run {@code n} (row {@code y}, columns {@code x0..x1-1}) and unites it with the runs of the
     * previous row it touches, {@code p..previousEnd-1} being those not yet passed.
     *
     * @return the first run of the previous row that later runs of this row may still touch
     */
    private static int addRun(
            DetectorScratch s,
            int n,
            int y,
            int x0,
            int x1,
            int intensity,
            int p,
            int previousEnd,
            int reach,
            int maxRuns) {
        if (n == s.runY.length) {
            s.grow(maxRuns);
        }
        int[] parent = s.parent;
        s.runY[n] = y;
        s.runX0[n] = x0;
        s.runX1[n] = x1;
        s.runIntensity[n] = intensity;
        parent[n] = n;
        while (p < previousEnd && s.runX1[p] + reach <= x0) {
            p++;
        }
        for (int q = p; q < previousEnd && s.runX0[q] < x1 + reach; q++) {
            union(parent, n, q);
        }
        return p;
    }

    /**
     * Eight consecutive luminance bytes of a row as one little-endian word (the pixel at {@code x} in the
     * lowest byte), for the scans that test eight pixels at a time with {@link #anyAbove}. The JIT compiles
     * it to one load.
     *
     * @param row a row as {@link Frame#copyRow} copies it
     * @param x   column of the first pixel; {@code x + 8 <= row.length}
     */
    static long word(byte[] row, int x) {
        return (long) WORDS.get(row, x);
    }

    /**
     * Whether any of the eight unsigned bytes of {@code word} is greater than {@code level}, without
     * a branch per byte (SWAR; after Anderson's "Bit Twiddling Hacks", {@code hasmore}). Adding
     * {@code 127 - level} (or {@code 127 - (level - 128)}) to each byte's low seven bits sets its bit 7
     * exactly when those bits exceed the level; no sum crosses into the next byte (at most 254).
     *
     * @param level -1 (every byte is above) to 255 (none is)
     */
    static boolean anyAbove(long word, int level) {
        if (level < 0) {
            return true;
        }
        if (level >= 255) {
            return false;
        }
        long low = word & LOW7;
        if (level < 128) {
            return (((low + ONES * (127 - level)) | word) & HIGH) != 0;
        }
        return ((low + ONES * (255 - level)) & word & HIGH) != 0;
    }

    /** The root of run {@code i}, halving the path on the way. */
    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Unites two sets, the larger root under the smaller. */
    static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }
}

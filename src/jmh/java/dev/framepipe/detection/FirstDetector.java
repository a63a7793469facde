package dev.framepipe.detection;

import boofcv.alg.filter.binary.GThresholdImageOps;
import dev.framepipe.frame.Frame;
import dev.framepipe.geometry.Moments;
import dev.framepipe.geometry.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first detector (before issue 10), kept verbatim in the benchmark sources only, so that the new
 * detector's defaults can be compared with it in one JMH run (BENCHMARKS.md, "Detector options"): a global
 * threshold, minority polarity, fused run-based labeling, perimeter.
 */
public final class FirstDetector implements Detector {

    /** Scratch buffers larger than this many runs are not kept between frames. */
    private static final int MAX_RETAINED_RUNS = 1 << 20;

    private static final double EVEN_WEIGHT = 0.980;
    private static final double ODD_WEIGHT = 1.406;
    private static final double CORNER_WEIGHT = 0.091;

    private final DetectorProperties properties;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    public FirstDetector(DetectorProperties properties) {
        this.properties = properties;
    }

    @Override
    public Detection detect(Frame frame) {
        int width = frame.width();
        int height = frame.height();
        int total = frame.pixelCount();
        Scratch s = scratch.get();
        try {
            int[] histogram = histogram(frame, s.histogram);
            int occupied = 0;
            long sum = 0;
            for (int v = 0; v < 256; v++) {
                occupied += histogram[v] != 0 ? 1 : 0;
                sum += (long) v * histogram[v];
            }
            int threshold = properties.thresholdMethod() == ThresholdMethod.OTSU
                    ? GThresholdImageOps.computeOtsu(histogram, 256, total)
                    : properties.thresholdLevel();
            long above = 0;
            long sumAbove = 0;
            for (int v = threshold + 1; v < 256; v++) {
                above += histogram[v];
                sumAbove += (long) v * histogram[v];
            }
            Polarity polarity = properties.polarity();
            if (polarity == Polarity.AUTO) {
                polarity = above <= total - above ? Polarity.BRIGHT : Polarity.DARK;
            }
            long background = polarity == Polarity.BRIGHT ? total - above : above;
            long backgroundSum = polarity == Polarity.BRIGHT ? sum - sumAbove : sumAbove;
            double backgroundMean = background > 0 ? (double) backgroundSum / background : (double) sum / total;
            if (occupied <= 1 || background == total) {
                return new Detection(width, height, threshold, polarity, (double) sum / total, List.of(), false);
            }
            int runCount = label(frame, s, threshold, polarity);
            return collect(frame, s, runCount, threshold, polarity, backgroundMean);
        } finally {
            if (s.capacity() > MAX_RETAINED_RUNS) {
                scratch.remove();
            }
        }
    }

    /** Fills and returns the luminance histogram; a small method of its own so the JIT compiles a tight loop. */
    private static int[] histogram(Frame frame, int[] histogram) {
        Arrays.fill(histogram, 0);
        for (int i = 0, n = frame.pixelCount(); i < n; i++) {
            histogram[frame.luminance(i)]++;
        }
        return histogram;
    }

    /**
     * First scan: extracts the foreground runs row by row and unites overlapping runs of consecutive rows.
     * Foreground is {@code (luminance ^ flip) > level}: flipping all bits of an 8-bit value maps
     * {@code luminance <= t} to {@code 255 - luminance > 254 - t}, so both polarities share one loop.
     */
    private int label(Frame frame, Scratch s, int threshold, Polarity polarity) {
        int width = frame.width();
        int height = frame.height();
        int flip = polarity == Polarity.BRIGHT ? 0 : 0xFF;
        int level = polarity == Polarity.BRIGHT ? threshold : 254 - threshold;
        int reach = properties.connectivity() == 8 ? 1 : 0;
        long flipWord = flip == 0 ? 0L : -1L;
        byte[] pixels = new byte[width];
        int n = 0;
        int previousStart = 0;
        int previousEnd = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            frame.copyRow(y, pixels);
            int x = 0;
            int p = previousStart;
            while (x < width) {
                // Background is skipped eight pixels at a time, then pixel by pixel up to the run.
                while (x + 8 <= width && !anyAbove(RunLabeling.word(pixels, x) ^ flipWord, level)) {
                    x += 8;
                }
                while (x < width && (frame.luminance(row + x) ^ flip) <= level) {
                    x++;
                }
                if (x == width) {
                    break;
                }
                int x0 = x;
                int intensity = 0;
                int v;
                while (x < width && ((v = frame.luminance(row + x)) ^ flip) > level) {
                    intensity += v;
                    x++;
                }
                if (n == s.runY.length) {
                    s.grow();
                }
                int[] parent = s.parent;
                s.runY[n] = y;
                s.runX0[n] = x0;
                s.runX1[n] = x;
                s.runIntensity[n] = intensity;
                parent[n] = n;
                while (p < previousEnd && s.runX1[p] + reach <= x0) {
                    p++;
                }
                for (int q = p; q < previousEnd && s.runX0[q] < x + reach; q++) {
                    union(parent, n, q);
                }
                n++;
            }
            previousStart = previousEnd;
            previousEnd = n;
        }
        return n;
    }

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;

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

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    /** Second scan, over the runs only: per-component statistics, filters, ids, runs and perimeters. */
    private Detection collect(
            Frame frame, Scratch s, int runCount, int threshold, Polarity polarity, double backgroundMean) {
        int width = frame.width();
        int height = frame.height();
        int[] parent = s.parent;
        int[] label = s.label;
        s.ensureComponents(runCount);
        int components = 0;
        for (int r = 0; r < runCount; r++) {
            int root = find(parent, r);
            int c;
            if (root == r) {
                c = components++;
                s.area[c] = 0;
                s.sumX[c] = 0;
                s.sumY[c] = 0;
                s.sumXX[c] = 0;
                s.sumYY[c] = 0;
                s.sumXY[c] = 0;
                s.sumI[c] = 0;
                s.minX[c] = Integer.MAX_VALUE;
                s.maxX[c] = -1;
                s.minY[c] = s.runY[r];
                s.maxY[c] = s.runY[r];
                s.border[c] = false;
                s.runsOf[c] = 0;
            } else {
                c = label[root];
            }
            label[r] = c;
            long y = s.runY[r];
            long x0 = s.runX0[r];
            long x1 = s.runX1[r];
            long len = x1 - x0;
            long sx = (x0 + x1 - 1) * len / 2;
            s.area[c] += len;
            s.sumX[c] += sx;
            s.sumY[c] += y * len;
            s.sumXX[c] += squares(x1 - 1) - squares(x0 - 1);
            s.sumYY[c] += y * y * len;
            s.sumXY[c] += y * sx;
            s.sumI[c] += s.runIntensity[r];
            s.minX[c] = Math.min(s.minX[c], (int) x0);
            s.maxX[c] = Math.max(s.maxX[c], (int) x1 - 1);
            s.maxY[c] = (int) y;
            s.border[c] |= y == 0 || y == height - 1 || x0 == 0 || x1 == width;
            s.runsOf[c]++;
        }

        int minArea = properties.minArea();
        int maxObjects = properties.maxObjects();
        int[] slot = s.slot;
        int kept = 0;
        boolean truncated = false;
        for (int c = 0; c < components; c++) {
            slot[c] = -1;
            if (s.area[c] >= minArea) {
                if (kept == maxObjects) {
                    truncated = true;
                } else {
                    slot[c] = kept++;
                }
            }
        }
        int[][] triples = new int[kept][];
        int[] fill = new int[kept];
        for (int c = 0; c < components; c++) {
            if (slot[c] >= 0) {
                triples[slot[c]] = new int[3 * s.runsOf[c]];
            }
        }
        for (int r = 0; r < runCount; r++) {
            int k = slot[label[r]];
            if (k >= 0) {
                int[] t = triples[k];
                int f = fill[k];
                t[f] = s.runY[r];
                t[f + 1] = s.runX0[r];
                t[f + 2] = s.runX1[r];
                fill[k] = f + 3;
            }
        }
        List<DetectedObject> objects = new ArrayList<>(kept);
        for (int c = 0; c < components; c++) {
            int k = slot[c];
            if (k < 0) {
                continue;
            }
            long area = s.area[c];
            double cx = (double) s.sumX[c] / area;
            double cy = (double) s.sumY[c] / area;
            double mu20 = Math.max(0, (double) s.sumXX[c] / area - cx * cx);
            double mu02 = Math.max(0, (double) s.sumYY[c] / area - cy * cy);
            double mu11 = (double) s.sumXY[c] / area - cx * cy;
            Box box = new Box(s.minX[c], s.minY[c], s.maxX[c] - s.minX[c] + 1, s.maxY[c] - s.minY[c] + 1);
            double perimeter = perimeter(triples[k], box, s);
            objects.add(new DetectedObject(
                    k + 1,
                    box,
                    new Moments(area, new Point(cx, cy), mu20, mu11, mu02),
                    perimeter,
                    s.border[c],
                    s.sumI[c],
                    new Runs(triples[k])));
        }
        return new Detection(width, height, threshold, polarity, backgroundMean, objects, truncated);
    }

    /** Sum of i^2 for i in 0..m, for m >= -1. */
    private static long squares(long m) {
        return m * (m + 1) * (2 * m + 1) / 6;
    }

    /**
     * Traces the outer boundary of one object (8-connected Moore-neighbour tracing, counter-clockwise
     * from its first pixel), applies the Vossepoel-Smeulders chain-code length estimator and adds the
     * half-pixel offset {@code pi} (see the class comment).
     */
    static double perimeter(int[] triples, Box box, Scratch s) {
        int stride = box.width() + 2;
        int size = stride * (box.height() + 2);
        byte[] mask = s.mask(size);
        for (int i = 0; i < triples.length; i += 3) {
            int row = (triples[i] - box.y() + 1) * stride + 1 - box.x();
            Arrays.fill(mask, row + triples[i + 1], row + triples[i + 2], (byte) 1);
        }
        // chain directions 0..7 = E, NE, N, NW, W, SW, S, SE (N is the row above)
        int[] offset = {1, 1 - stride, -stride, -1 - stride, -1, stride - 1, stride, stride + 1};
        int start = stride + 1 + triples[1] - box.x();
        int current = start;
        int direction = 7;
        int second = -1;
        int even = 0;
        int odd = 0;
        int corners = 0;
        int first = -1;
        int last = -1;
        while (true) {
            int d = (direction & 1) == 0 ? (direction + 7) & 7 : (direction + 6) & 7;
            int found = -1;
            for (int k = 0; k < 8; k++) {
                int candidate = (d + k) & 7;
                if (mask[current + offset[candidate]] != 0) {
                    found = candidate;
                    break;
                }
            }
            if (found < 0) {
                break;
            }
            int next = current + offset[found];
            if (current == start && next == second) {
                break;
            }
            if (second < 0) {
                second = next;
                first = found;
            } else if (found != last) {
                corners++;
            }
            if ((found & 1) == 0) {
                even++;
            } else {
                odd++;
            }
            last = found;
            direction = found;
            current = next;
        }
        if (first >= 0 && last != first) {
            corners++;
        }
        Arrays.fill(mask, 0, size, (byte) 0);
        return EVEN_WEIGHT * even + ODD_WEIGHT * odd - CORNER_WEIGHT * corners + Math.PI;
    }

    /** Per-thread buffers, grown on demand. */
    static final class Scratch {
        final int[] histogram = new int[256];
        int[] runY = new int[4096];
        int[] runX0 = new int[4096];
        int[] runX1 = new int[4096];
        int[] runIntensity = new int[4096];
        int[] parent = new int[4096];
        int[] label = new int[4096];
        long[] area = new long[0];
        long[] sumX = new long[0];
        long[] sumY = new long[0];
        long[] sumXX = new long[0];
        long[] sumYY = new long[0];
        long[] sumXY = new long[0];
        long[] sumI = new long[0];
        int[] minX = new int[0];
        int[] maxX = new int[0];
        int[] minY = new int[0];
        int[] maxY = new int[0];
        int[] runsOf = new int[0];
        int[] slot = new int[0];
        boolean[] border = new boolean[0];
        private byte[] mask = new byte[4096];

        int capacity() {
            return runY.length;
        }

        void grow() {
            int n = runY.length * 2;
            runY = Arrays.copyOf(runY, n);
            runX0 = Arrays.copyOf(runX0, n);
            runX1 = Arrays.copyOf(runX1, n);
            runIntensity = Arrays.copyOf(runIntensity, n);
            parent = Arrays.copyOf(parent, n);
            label = new int[n];
        }

        void ensureComponents(int n) {
            if (area.length >= n) {
                return;
            }
            int size = Math.max(n, 2 * area.length);
            area = new long[size];
            sumX = new long[size];
            sumY = new long[size];
            sumXX = new long[size];
            sumYY = new long[size];
            sumXY = new long[size];
            sumI = new long[size];
            minX = new int[size];
            maxX = new int[size];
            minY = new int[size];
            maxY = new int[size];
            runsOf = new int[size];
            slot = new int[size];
            border = new boolean[size];
        }

        /** A zeroed mask of at least {@code size} bytes; callers zero what they used. */
        byte[] mask(int size) {
            if (mask.length < size) {
                mask = new byte[size];
            }
            return mask;
        }
    }
}

package dev.framepipe.detection;

import dev.framepipe.frame.Frame;
import dev.framepipe.frame.WorkCheckpoint;
import dev.framepipe.geometry.Moments;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The detector stage, composing one class per algorithm:
 * <ol>
 *   <li>a 256-bin luminance histogram and the global level: {@link OtsuThreshold} or the fixed one;</li>
 *   <li>the polarity: configured, or {@link BorderOwnedPolarity} for {@code auto};</li>
 *   <li>foreground runs and their components: {@link RunLabeling} straight from the luminance for a global
 *       level, or from the mask of a {@link LocalMeanThreshold};</li>
 *   <li>per component, closed-form area, moments, box and intensity from its runs;</li>
 *   <li>with {@code split=touching}, {@link WatershedSplitter} on the components that may be clumps;</li>
 *   <li>per object, after splitting, {@link HoleFilling} (holes counted; filled with {@code fill-holes});</li>
 *   <li>the area and border filters, the maximum count, and the perimeter by
 *       {@link VossepoelSmeuldersPerimeter}.</li>
 * </ol>
 * Objects with one run per row and no split to try (the common case) never leave the run arrays until
 * they are kept, so the fast path costs one histogram pass and one labeling pass over the frame.
 *
 * <p>A frame whose histogram has a single occupied bin (uniform; Otsu's between-class variance is 0) has
 * no objects, whatever the method. The scans call {@link WorkCheckpoint#check()} between slices of work, so
 * the pipeline can abandon a frame that can no longer finish in time. Thread-safe: scratch buffers are per thread and grown on demand; the
 * frame is only read.
 */
final class SegmentationDetector implements Detector {

    /**
     * Scratch buffers larger than this many runs are not kept between frames: every request thread keeps
     * its own, so what one thread retains is multiplied by the thread pool.
     */
    private static final int MAX_RETAINED_RUNS = 1 << 14;
    /**
     * Nor is a perimeter mask larger than this: it grows to the bounding box of the largest object measured (16 MiB
     * for an object spanning a 4096x4096 frame), and 200 request threads each keeping one would hold more than the
     * container's whole heap, outside the admission's budget.
     */
    static final int MAX_RETAINED_MASK_BYTES = 1 << 20;
    /** A {@link WorkCheckpoint} every 65 536 runs (about a millisecond of the scans over runs). */
    private static final int CHECK_MASK = (1 << 16) - 1;
    /** A {@link WorkCheckpoint} every 65 536 runs of an object measured from its runs. */
    private static final int CHECK_TRIPLES = 3 << 16;
    /** A {@link WorkCheckpoint} every 1 024 kept objects (their perimeters). */
    private static final int OBJECT_CHECK_MASK = (1 << 10) - 1;

    private final DetectorOptions defaults;
    private final int maxObjects;
    private final int maxRuns;
    private final ThreadLocal<DetectorScratch> scratch = ThreadLocal.withInitial(DetectorScratch::new);

    SegmentationDetector(DetectorOptions defaults, int maxObjects, int maxRuns) {
        this.defaults = defaults;
        this.maxObjects = maxObjects;
        this.maxRuns = maxRuns;
    }

    @Override
    public Detection detect(Frame frame) {
        return detect(frame, defaults);
    }

    @Override
    public Detection detect(Frame frame, DetectorOptions options) {
        int width = frame.width();
        int height = frame.height();
        int total = frame.pixelCount();
        DetectorScratch s = scratch.get();
        s.cut = false;
        try {
            int[] histogram = histogram(frame, s.histogram);
            int occupied = 0;
            long sum = 0;
            for (int v = 0; v < 256; v++) {
                occupied += histogram[v] != 0 ? 1 : 0;
                sum += (long) v * histogram[v];
            }
            int threshold = options.thresholdMethod() == ThresholdMethod.FIXED
                    ? options.thresholdLevel()
                    : OtsuThreshold.level(histogram, total);
            long above = 0;
            long sumAbove = 0;
            for (int v = threshold + 1; v < 256; v++) {
                above += histogram[v];
                sumAbove += (long) v * histogram[v];
            }
            BorderOwnedPolarity.Decision decision =
                    BorderOwnedPolarity.decide(frame, threshold, above, options.polarity());
            Polarity polarity = decision.polarity();
            long background = polarity == Polarity.BRIGHT ? total - above : above;
            long backgroundSum = polarity == Polarity.BRIGHT ? sum - sumAbove : sumAbove;
            double backgroundMean = background > 0 ? (double) backgroundSum / background : (double) sum / total;
            if (occupied <= 1 || (options.thresholdMethod() != ThresholdMethod.LOCAL && background == total)) {
                return new Detection(
                        width,
                        height,
                        threshold,
                        polarity,
                        (double) sum / total,
                        List.of(),
                        false,
                        options.thresholdMethod(),
                        decision.rule(),
                        options);
            }
            int runCount = options.thresholdMethod() == ThresholdMethod.LOCAL
                    ? RunLabeling.label(
                            frame,
                            LocalMeanThreshold.foreground(frame, options.localWindow(), polarity),
                            s,
                            options.connectivity(),
                            maxRuns)
                    : RunLabeling.label(frame, s, threshold, polarity, options.connectivity(), maxRuns);
            List<DetectedObject> objects = new ArrayList<>();
            boolean truncated = collect(frame, s, runCount, options, objects) | s.cut;
            return new Detection(
                    width,
                    height,
                    threshold,
                    polarity,
                    backgroundMean,
                    objects,
                    truncated,
                    options.thresholdMethod(),
                    decision.rule(),
                    options);
        } finally {
            if (s.capacity() > MAX_RETAINED_RUNS || s.maskBytes() > MAX_RETAINED_MASK_BYTES) {
                scratch.remove();
            }
        }
    }

    /** Bytes of perimeter mask the calling thread keeps between frames. */
    int retainedMaskBytes() {
        return scratch.get().maskBytes();
    }

    /** Fills and returns the luminance histogram; a small method of its own so the JIT compiles a tight loop. */
    private static int[] histogram(Frame frame, int[] histogram) {
        Arrays.fill(histogram, 0);
        for (int i = 0, n = frame.pixelCount(); i < n; i++) {
            histogram[frame.luminance(i)]++;
        }
        return histogram;
    }

    /** An object on its way to the report: its final runs and measures. */
    private record Candidate(
            int firstY,
            int firstX,
            Moments moments,
            Box box,
            boolean border,
            long intensity,
            int[] triples,
            int holes,
            long holeArea) {}

    /**
     * Second scan, over the runs only: per-component statistics; then splitting, holes, filters, ids,
     * runs and perimeters.
     *
     * @return whether the maximum object count cut the list short
     */
    private boolean collect(
            Frame frame, DetectorScratch s, int runCount, DetectorOptions options, List<DetectedObject> objects) {
        int width = frame.width();
        int height = frame.height();
        int[] parent = s.parent;
        int[] label = s.label;
        s.ensureComponents(runCount);
        int components = 0;
        for (int r = 0; r < runCount; r++) {
            if ((r & CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            int root = RunLabeling.find(parent, r);
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

        // Which components keep the fast path (measured from the scan above), which need their runs first.
        boolean split = options.split() == Split.TOUCHING;
        double splitArea = Math.PI
                / 4
                * options.objectDiameter().min()
                * options.objectDiameter().min();
        int[] slot = s.slot;
        int gathered = 0;
        for (int c = 0; c < components; c++) {
            if ((c & CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            boolean gaps = s.runsOf[c] > s.maxY[c] - s.minY[c] + 1;
            boolean slow = gaps || (split && s.area[c] >= splitArea);
            boolean fast = !slow && options.keepsArea(s.area[c]) && !(options.excludeBorder() && s.border[c]);
            slot[c] = slow || fast ? gathered++ : -1;
        }
        int[][] triples = new int[gathered][];
        int[] fill = new int[gathered];
        for (int c = 0; c < components; c++) {
            if ((c & CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            if (slot[c] >= 0) {
                triples[slot[c]] = new int[3 * s.runsOf[c]];
            }
        }
        for (int r = 0; r < runCount; r++) {
            if ((r & CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
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

        List<Candidate> kept = new ArrayList<>();
        boolean reordered = false;
        for (int c = 0; c < components; c++) {
            int k = slot[c];
            if (k < 0) {
                continue;
            }
            WorkCheckpoint.check();
            Box box = new Box(s.minX[c], s.minY[c], s.maxX[c] - s.minX[c] + 1, s.maxY[c] - s.minY[c] + 1);
            boolean gaps = s.runsOf[c] > box.height();
            List<int[]> pieces = split && s.area[c] >= splitArea
                    ? WatershedSplitter.split(
                            triples[k], box, s.area[c], options.objectDiameter(), options.connectivity())
                    : null;
            if (pieces == null && !gaps) {
                if (options.keepsArea(s.area[c]) && !(options.excludeBorder() && s.border[c])) {
                    kept.add(fromScan(s, c, box, triples[k]));
                }
                continue;
            }
            reordered |= pieces != null;
            for (int[] piece : pieces == null ? List.of(triples[k]) : pieces) {
                Candidate candidate = measure(frame, piece, options);
                if (options.keepsArea(candidate.moments().area()) && !(options.excludeBorder() && candidate.border())) {
                    kept.add(candidate);
                }
            }
        }
        if (reordered) {
            kept.sort((a, b) -> a.firstY() != b.firstY()
                    ? Integer.compare(a.firstY(), b.firstY())
                    : Integer.compare(a.firstX(), b.firstX()));
        }
        boolean truncated = kept.size() > maxObjects;
        int count = Math.min(kept.size(), maxObjects);
        for (int i = 0; i < count; i++) {
            if ((i & OBJECT_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            Candidate o = kept.get(i);
            double perimeter = VossepoelSmeuldersPerimeter.perimeter(o.triples(), o.box(), s);
            objects.add(new DetectedObject(
                    i + 1,
                    o.box(),
                    o.moments(),
                    perimeter,
                    o.border(),
                    o.intensity(),
                    new Runs(o.triples()),
                    o.holes(),
                    o.holeArea()));
        }
        return truncated;
    }

    /** A component without holes and not split, measured by the scan. */
    private static Candidate fromScan(DetectorScratch s, int c, Box box, int[] triples) {
        Moments moments = Moments.ofSums(s.area[c], s.sumX[c], s.sumY[c], s.sumXX[c], s.sumXY[c], s.sumYY[c]);
        return new Candidate(triples[0], triples[1], moments, box, s.border[c], s.sumI[c], triples, 0, 0);
    }

    /** An object given by its runs (a piece of a split, or one with holes): holes found, filled if asked, measured. */
    private static Candidate measure(Frame frame, int[] runs, DetectorOptions options) {
        HoleFilling.Holes holes = HoleFilling.find(runs, options.connectivity());
        WorkCheckpoint.check();
        int[] triples = options.fillHoles() ? HoleFilling.fill(runs, holes.holeRuns()) : runs;
        WorkCheckpoint.check();
        int width = frame.width();
        int height = frame.height();
        long area = 0;
        long sumX = 0;
        long sumY = 0;
        long sumXX = 0;
        long sumYY = 0;
        long sumXY = 0;
        long intensity = 0;
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        boolean border = false;
        for (int i = 0; i < triples.length; i += 3) {
            if (i % CHECK_TRIPLES == 0) {
                WorkCheckpoint.check();
            }
            long y = triples[i];
            long x0 = triples[i + 1];
            long x1 = triples[i + 2];
            long len = x1 - x0;
            long sx = (x0 + x1 - 1) * len / 2;
            area += len;
            sumX += sx;
            sumY += y * len;
            sumXX += squares(x1 - 1) - squares(x0 - 1);
            sumYY += y * y * len;
            sumXY += y * sx;
            int row = (int) y * width;
            for (int x = (int) x0; x < x1; x++) {
                intensity += frame.luminance(row + x);
            }
            minX = Math.min(minX, (int) x0);
            maxX = Math.max(maxX, (int) x1 - 1);
            border |= y == 0 || y == height - 1 || x0 == 0 || x1 == width;
        }
        int minY = triples[0];
        int maxY = triples[triples.length - 3];
        Box box = new Box(minX, minY, maxX - minX + 1, maxY - minY + 1);
        return new Candidate(
                minY,
                triples[1],
                Moments.ofSums(area, sumX, sumY, sumXX, sumXY, sumYY),
                box,
                border,
                intensity,
                triples,
                holes.holes(),
                holes.area());
    }

    /** Sum of i^2 for i in 0..m, for m >= -1. */
    private static long squares(long m) {
        return m * (m + 1) * (2 * m + 1) / 6;
    }
}

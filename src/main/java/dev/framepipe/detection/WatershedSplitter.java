package dev.framepipe.detection;

import boofcv.alg.segmentation.watershed.WatershedVincentSoille1991;
import boofcv.factory.segmentation.FactorySegmentationAlg;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import dev.framepipe.frame.WorkCheckpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits touching objects: a marker-controlled watershed (L. Vincent and P. Soille, "Watersheds in digital
 * spaces: an efficient algorithm based on immersion simulations", IEEE Trans. PAMI 13(6), 1991; BoofCV's
 * {@link WatershedVincentSoille1991}) of the inverted Euclidean distance transform
 * ({@link EuclideanDistanceTransform}), with one marker per expected object, the way CellProfiler's
 * IdentifyPrimaryObjects declumps by shape.
 *
 * <p>Markers are regional maxima of the distance transform, chosen by their dynamic (the h-maxima idea of
 * P. Soille, "Morphological Image Analysis", 2nd ed., 2003, 6.3.5): flooding the object from the highest
 * distance down, two maxima are two objects when the best path between them inside the object dips below
 * {@value #NECK} of the lower one and at least {@value #MIN_DEPTH} pixels below it (a neck). Along one
 * object's ridge (a bar's centre line, an ellipse's major axis, a ring's circle) the distance never dips
 * that much, so an elongated object or a ring is not split. The expected diameter {@code MIN-MAX} then drops
 * maxima lower than {@code MIN/4} (notches, not objects) and suppresses those closer than {@code MIN/2} to a
 * higher marker; {@code MAX} is not used by the splitter (objects outside the expected size are dropped by
 * {@code min-area} and {@code max-area}). A component with fewer than two markers is left whole. Watershed
 * lines are given to a neighbouring piece, so no pixel is lost.
 *
 * <p>Stateless and thread-safe; allocates per component it splits (components smaller than a disc of
 * diameter {@code MIN} are not examined).
 */
final class WatershedSplitter {

    /** Below this fraction of the lower peak along the segment between two maxima is a neck. */
    static final double NECK = 0.8;

    /** A neck is also at least this many pixels below the lower peak. */
    static final double MIN_DEPTH = 1.5;

    private WatershedSplitter() {}

    /**
     * @param triples      the component's runs ({@link Runs} layout), sorted; not modified
     * @param box          the component's bounding box
     * @param area         the component's pixel count
     * @param diameter     the expected diameter of one object
     * @param connectivity 4 or 8
     * @return the pieces' runs, each sorted, in raster order of their first pixel; or {@code null} when the
     *         component is one object
     */
    static List<int[]> split(int[] triples, Box box, long area, DiameterRange diameter, int connectivity) {
        if (area < Math.PI / 4 * diameter.min() * diameter.min()) {
            return null;
        }
        int width = box.width() + 2;
        int height = box.height() + 2;
        byte[] mask = new byte[width * height];
        for (int i = 0; i < triples.length; i += 3) {
            int row = (triples[i] - box.y() + 1) * width + 1 - box.x();
            Arrays.fill(mask, row + triples[i + 1], row + triples[i + 2], (byte) 1);
        }
        WorkCheckpoint.check();
        double[] distance = EuclideanDistanceTransform.distances(mask, width, height);
        int[] markers = markers(mask, distance, width, height, diameter, connectivity);
        if (markers.length < 2) {
            return null;
        }
        double highest = 0;
        for (double d : distance) {
            highest = Math.max(highest, d);
        }
        WorkCheckpoint.check();
        GrayU8 relief = new GrayU8(width, height);
        for (int i = 0; i < mask.length; i++) {
            relief.data[i] = (byte) (mask[i] == 0 ? 255 : 254 - (int) Math.round(253 * distance[i] / highest));
        }
        GrayS32 seeds = new GrayS32(width, height);
        for (int k = 0; k < markers.length; k++) {
            seeds.data[markers[k]] = k + 1;
        }
        WatershedVincentSoille1991 watershed =
                FactorySegmentationAlg.watershed(connectivity == 8 ? ConnectRule.EIGHT : ConnectRule.FOUR);
        watershed.process(relief, seeds);
        watershed.removeWatersheds();
        GrayS32 labels = watershed.getOutput();
        WorkCheckpoint.check();
        adoptUnlabelled(mask, labels.data, width, height, markers.length);
        return pieces(mask, labels, width, height, box, markers.length);
    }

    /**
     * Gives every object pixel the watershed left without a region (a watershed pixel enclosed by others)
     * the region of an 8-neighbour, pass after pass, so no pixel is lost.
     */
    private static void adoptUnlabelled(byte[] mask, int[] labels, int width, int height, int count) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int y = 1; y < height - 1; y++) {
                for (int x = 1; x < width - 1; x++) {
                    int i = y * width + x;
                    if (mask[i] == 0 || (labels[i] >= 0 && labels[i] < count)) {
                        continue;
                    }
                    for (int k = 0; k < 9; k++) {
                        int j = i + (k / 3 - 1) * width + (k % 3 - 1);
                        if (mask[j] != 0 && labels[j] >= 0 && labels[j] < count) {
                            labels[i] = labels[j];
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
    }

    /**
     * The markers: regional maxima of the distance transform with enough dynamic, found by flooding the
     * pixels from the highest distance down with union-find (each merge of two components is the saddle
     * between their peaks); then the low ones dropped and the close ones suppressed (see the class comment).
     */
    private static int[] markers(
            byte[] mask, double[] distance, int width, int height, DiameterRange diameter, int connectivity) {
        int n = 0;
        long[] keys = new long[mask.length];
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                // non-negative floats order like their bit patterns; the low 32 bits carry the index
                keys[n++] = ((long) Float.floatToIntBits((float) distance[i]) << 32) | i;
            }
        }
        Arrays.sort(keys, 0, n);
        int[] parent = new int[mask.length];
        Arrays.fill(parent, -1);
        int[] peak = new int[mask.length];
        List<Integer> significant = new ArrayList<>();
        int[] neighbours = connectivity == 8
                ? new int[] {-1, 1, -width, width, -width - 1, -width + 1, width - 1, width + 1}
                : new int[] {-1, 1, -width, width};
        for (int k = n - 1; k >= 0; k--) {
            int p = (int) (keys[k] & 0xFFFFFFFFL);
            parent[p] = p;
            peak[p] = p;
            double level = distance[p];
            for (int offset : neighbours) {
                int q = p + offset;
                if (parent[q] < 0) {
                    continue;
                }
                int rp = root(parent, p);
                int rq = root(parent, q);
                if (rp == rq) {
                    continue;
                }
                int high = distance[peak[rp]] >= distance[peak[rq]] ? rp : rq;
                int low = high == rp ? rq : rp;
                double top = distance[peak[low]];
                if (top - level >= Math.max(MIN_DEPTH, (1 - NECK) * top)) {
                    significant.add(peak[low]);
                }
                parent[low] = high;
            }
        }
        if (n > 0) {
            significant.add(peak[root(parent, (int) (keys[n - 1] & 0xFFFFFFFFL))]);
        }
        significant.sort((a, b) -> a.equals(b)
                ? 0
                : distance[a] != distance[b] ? Double.compare(distance[b], distance[a]) : Integer.compare(a, b));
        double lowest = Math.max(1, diameter.min() / 4.0);
        double suppress = diameter.min() / 2.0;
        List<Integer> accepted = new ArrayList<>();
        for (int c : significant) {
            if (distance[c] < lowest) {
                continue;
            }
            boolean keep = true;
            for (int m : accepted) {
                if (Math.hypot((c % width) - (m % width), (c / width) - (m / width)) < suppress) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                accepted.add(c);
            }
        }
        return accepted.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static List<int[]> pieces(byte[] mask, GrayS32 labels, int width, int height, Box box, int count) {
        int[][] runs = new int[count][];
        int[] fill = new int[count];
        for (int k = 0; k < count; k++) {
            runs[k] = new int[48];
        }
        for (int y = 1; y < height - 1; y++) {
            int x = 1;
            while (x < width - 1) {
                int i = y * width + x;
                if (mask[i] == 0) {
                    x++;
                    continue;
                }
                int label = labels.data[i];
                int x0 = x;
                while (x < width - 1 && mask[y * width + x] != 0 && labels.data[y * width + x] == label) {
                    x++;
                }
                if (fill[label] + 3 > runs[label].length) {
                    runs[label] = Arrays.copyOf(runs[label], 2 * runs[label].length);
                }
                runs[label][fill[label]++] = y - 1 + box.y();
                runs[label][fill[label]++] = x0 - 1 + box.x();
                runs[label][fill[label]++] = x - 1 + box.x();
            }
        }
        List<int[]> pieces = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            if (fill[k] > 0) {
                pieces.add(Arrays.copyOf(runs[k], fill[k]));
            }
        }
        pieces.sort((p, q) -> p[0] != q[0] ? Integer.compare(p[0], q[0]) : Integer.compare(p[1], q[1]));
        return pieces.size() < 2 ? null : pieces;
    }
}

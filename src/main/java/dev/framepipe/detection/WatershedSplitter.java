package dev.framepipe.detection;

import boofcv.alg.segmentation.watershed.WatershedVincentSoille1991;
import boofcv.factory.segmentation.FactorySegmentationAlg;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
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
 * <p>Markers are regional maxima of the distance transform, suppressed by the expected diameter
 * {@code MIN-MAX}: a maximum lower than {@code MIN/4} (a notch, not an object) is ignored; from the highest
 * down, a maximum closer than {@code MIN/2} to a marker already taken is dropped, and so is one with no neck
 * between it and a marker within {@code MAX}: where the distance transform along the segment between
 * them never falls below {@value #NECK} of the lower of the two, they lie on one object's ridge (a bar's
 * centre line, an ellipse's major axis), so an elongated object is never split. A component with fewer
 * than two markers is left whole. Watershed lines are given to a neighbouring piece, so no pixel is lost.
 *
 * <p>Stateless and thread-safe; allocates per component it splits (components smaller than a disc of
 * diameter {@code MIN} are not examined).
 */
final class WatershedSplitter {

    /** Below this fraction of the lower peak along the segment between two maxima is a neck. */
    static final double NECK = 0.8;

    private WatershedSplitter() {
    }

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
        double[] distance = EuclideanDistanceTransform.distances(mask, width, height);
        int[] markers = markers(mask, distance, width, height, diameter);
        if (markers.length < 2) {
            return null;
        }
        double highest = 0;
        for (double d : distance) {
            highest = Math.max(highest, d);
        }
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

    private static int[] markers(byte[] mask, double[] distance, int width, int height, DiameterRange diameter) {
        double lowest = Math.max(1, diameter.min() / 4.0);
        double suppress = diameter.min() / 2.0;
        List<Integer> candidates = new ArrayList<>();
        for (int y = 1; y < height - 1; y++) {
            for (int x = 1; x < width - 1; x++) {
                int i = y * width + x;
                double d = distance[i];
                if (mask[i] == 0 || d < lowest) {
                    continue;
                }
                boolean maximum = true;
                for (int dy = -1; dy <= 1 && maximum; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (distance[i + dy * width + dx] > d) {
                            maximum = false;
                            break;
                        }
                    }
                }
                if (maximum) {
                    candidates.add(i);
                }
            }
        }
        candidates.sort((a, b) -> a.equals(b) ? 0 : distance[a] != distance[b]
                ? Double.compare(distance[b], distance[a]) : Integer.compare(a, b));
        List<Integer> accepted = new ArrayList<>();
        for (int c : candidates) {
            boolean keep = true;
            for (int m : accepted) {
                double dx = (c % width) - (m % width);
                double dy = (c / width) - (m / width);
                double apart = Math.hypot(dx, dy);
                if (apart < suppress || (apart <= diameter.max() && !neckBetween(distance, width, c, m))) {
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

    /** Whether the distance falls below {@link #NECK} of the lower end somewhere on the segment from a to b. */
    private static boolean neckBetween(double[] distance, int width, int a, int b) {
        double ax = a % width;
        double ay = a / width;
        double bx = b % width;
        double by = b / width;
        double floor = NECK * Math.min(distance[a], distance[b]);
        int steps = (int) Math.ceil(2 * Math.hypot(bx - ax, by - ay));
        for (int s = 1; s < steps; s++) {
            double t = (double) s / steps;
            int x = (int) Math.round(ax + t * (bx - ax));
            int y = (int) Math.round(ay + t * (by - ay));
            if (distance[y * width + x] < floor) {
                return true;
            }
        }
        return false;
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

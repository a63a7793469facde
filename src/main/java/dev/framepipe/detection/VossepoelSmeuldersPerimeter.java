package dev.framepipe.detection;

import dev.framepipe.frame.WorkCheckpoint;
import java.util.Arrays;

/**
 * Perimeter of an object's outer boundary. The boundary is traced with 8-connected Moore-neighbour tracing
 * (stopping criterion of Sonka, Hlavac and Boyle) on a small mask of the object's box built from its runs;
 * the chain code is measured with the estimator of A. M. Vossepoel and A. W. M. Smeulders, "Vector code
 * probability and metrication error in the representation of straight lines of finite length", Computer
 * Graphics and Image Processing 20, 1982: {@code 0.980 Neven + 1.406 Nodd - 0.091 Ncorners}. That chain
 * runs through the centres of the boundary pixels, half a pixel inside the edge of the pixel squares; the
 * curve parallel to a simple closed curve at distance 1/2 outside it is longer by {@code 2 pi * 1/2}
 * (Steiner), so the perimeter is the chain length plus {@code pi}. With it {@code 4 pi A / P^2} of digital
 * discs lies in 0.93..1.01 for diameters 10..20 and 0.97..1.01 for 40..80 (without it, 1.11 at diameter
 * 19). Holes do not count. A single pixel has perimeter {@code pi}.
 */
final class VossepoelSmeuldersPerimeter {

    private static final double EVEN_WEIGHT = 0.980;
    private static final double ODD_WEIGHT = 1.406;
    private static final double CORNER_WEIGHT = 0.091;
    /** A {@link WorkCheckpoint} every 65 536 runs. */
    private static final int CHECK_TRIPLES = 3 << 16;

    private VossepoelSmeuldersPerimeter() {}

    /**
     * @param triples the object's runs ({@link Runs} layout), sorted by row then column; not modified
     * @param box     the object's bounding box
     * @param s       scratch (its mask is zeroed again before returning)
     * @return the perimeter in pixels
     */
    static double perimeter(int[] triples, Box box, DetectorScratch s) {
        int stride = box.width() + 2;
        int size = stride * (box.height() + 2);
        byte[] mask = s.mask(size);
        for (int i = 0; i < triples.length; i += 3) {
            if (i % CHECK_TRIPLES == 0) {
                WorkCheckpoint.check();
            }
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
}

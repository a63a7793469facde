package dev.framepipe.detection;

import dev.framepipe.frame.WorkCheckpoint;
import java.util.Arrays;

/**
 * Finds and fills the holes of one object, on its runs. A hole is a connected component of the object's
 * complement that does not reach the outside (P. Soille, "Morphological Image Analysis", 2nd ed., 2003,
 * 6.3.7, hole filling as the complement of the border-reconstructed background), with the complement's
 * connectivity dual to the object's (4 for 8-connected objects, 8 for 4-connected ones).
 *
 * <p>Only the gaps between two runs of the object on one row can be hole pixels; a gap reaches the outside
 * when it lies on the object's first or last row, or touches a pixel of an adjacent row outside that row's
 * span; gaps of adjacent rows that touch are united (union-find). The cost is linear in the object's runs,
 * and nothing when an object has one run per row. Holes are found per object, so background enclosed by
 * several objects (a ring of touching coins, once split) is never a hole of any of them.
 */
final class HoleFilling {

    /** A {@link WorkCheckpoint} every 64 rows of the merge pass (between the passes too). */
    private static final int ROW_CHECK_MASK = 63;
    /** A {@link WorkCheckpoint} every 65 536 runs or gaps of the other passes. */
    private static final int PASS_CHECK_MASK = (1 << 16) - 1;

    private HoleFilling() {}

    /**
     * The holes of one object.
     *
     * @param holes     number of holes
     * @param area      pixels in all holes
     * @param holeRuns  the hole pixels as runs ({@link Runs} layout, sorted by row then column)
     */
    record Holes(int holes, long area, int[] holeRuns) {

        static final Holes NONE = new Holes(0, 0, new int[0]);
    }

    /**
     * @param triples      the object's runs ({@link Runs} layout), sorted by row then column; not modified
     * @param connectivity the object's connectivity, 4 or 8
     */
    static Holes find(int[] triples, int connectivity) {
        int runs = triples.length / 3;
        if (runs < 2) {
            return Holes.NONE;
        }
        int firstRow = triples[0];
        int lastRow = triples[triples.length - 3];
        if (runs == lastRow - firstRow + 1) {
            return Holes.NONE;
        }
        int rows = lastRow - firstRow + 1;
        int[] rowStart = new int[rows + 1];
        for (int i = 0; i < runs; i++) {
            if ((i & PASS_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            rowStart[triples[3 * i] - firstRow + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        // gaps: between consecutive runs of a row; gap g of row r is between runs rowStart[r]+j and +j+1
        // (a row without runs, possible in a watershed piece, has no gaps and counts as outside)
        int gapCount = 0;
        for (int r = 0; r < rows; r++) {
            gapCount += Math.max(0, rowStart[r + 1] - rowStart[r] - 1);
        }
        if (gapCount == 0) {
            return Holes.NONE;
        }
        WorkCheckpoint.check();
        int[] gapRow = new int[gapCount];
        int[] gapX0 = new int[gapCount];
        int[] gapX1 = new int[gapCount];
        int[] gapStart = new int[rows + 1];
        int g = 0;
        for (int r = 0; r < rows; r++) {
            gapStart[r] = g;
            for (int i = rowStart[r]; i + 1 < rowStart[r + 1]; i++) {
                gapRow[g] = r;
                gapX0[g] = triples[3 * i + 2];
                gapX1[g] = triples[3 * (i + 1) + 1];
                g++;
            }
        }
        gapStart[rows] = g;
        WorkCheckpoint.check();
        int reach = connectivity == 8 ? 0 : 1; // the complement's diagonal reach
        int[] parent = new int[gapCount];
        boolean[] open = new boolean[gapCount];
        for (int i = 0; i < gapCount; i++) {
            if ((i & PASS_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            parent[i] = i;
        }
        for (int i = 0; i < gapCount; i++) {
            if ((i & PASS_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            int r = gapRow[i];
            for (int adjacent = r - 1; adjacent <= r + 1; adjacent += 2) {
                if (adjacent < 0 || adjacent >= rows) {
                    open[i] = true;
                    continue;
                }
                if (rowStart[adjacent] == rowStart[adjacent + 1]) {
                    open[i] = true;
                    continue;
                }
                int spanX0 = triples[3 * rowStart[adjacent] + 1];
                int spanX1 = triples[3 * (rowStart[adjacent + 1] - 1) + 2];
                if (gapX0[i] - reach < spanX0 || gapX1[i] + reach > spanX1) {
                    open[i] = true;
                }
            }
        }
        // Gaps of adjacent rows that touch are one component. A row's gaps are sorted and disjoint, so one merge
        // pass over two rows finds every touching pair: after comparing two gaps, the one that ends first can
        // touch no later gap of the other row. Linear in the gaps (a gap-by-gap scan of the next row was
        // quadratic: a 4096x4096 noise frame's giant object spent a third of a second there).
        WorkCheckpoint.check();
        for (int r = 0; r + 1 < rows; r++) {
            if ((r & ROW_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            int a = gapStart[r];
            int b = gapStart[r + 1];
            int aEnd = gapStart[r + 1];
            int bEnd = gapStart[r + 2];
            while (a < aEnd && b < bEnd) {
                if (gapX0[b] < gapX1[a] + reach && gapX0[a] < gapX1[b] + reach) {
                    RunLabeling.union(parent, a, b);
                }
                if (gapX1[a] <= gapX1[b]) {
                    a++;
                } else {
                    b++;
                }
            }
        }
        WorkCheckpoint.check();
        boolean[] rootOpen = new boolean[gapCount];
        for (int i = 0; i < gapCount; i++) {
            if ((i & PASS_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            if (open[i]) {
                rootOpen[RunLabeling.find(parent, i)] = true;
            }
        }
        int holes = 0;
        long area = 0;
        int[] holeRuns = new int[3 * gapCount];
        int h = 0;
        WorkCheckpoint.check();
        boolean[] counted = new boolean[gapCount];
        for (int i = 0; i < gapCount; i++) {
            if ((i & PASS_CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            int root = RunLabeling.find(parent, i);
            if (rootOpen[root]) {
                continue;
            }
            if (!counted[root]) {
                counted[root] = true;
                holes++;
            }
            area += gapX1[i] - gapX0[i];
            holeRuns[h++] = gapRow[i] + firstRow;
            holeRuns[h++] = gapX0[i];
            holeRuns[h++] = gapX1[i];
        }
        return holes == 0 ? Holes.NONE : new Holes(holes, area, Arrays.copyOf(holeRuns, h));
    }

    /**
     * The object with its holes filled: runs of a row that a hole joins become one run.
     *
     * @param triples  the object's runs, sorted
     * @param holeRuns its holes' runs, sorted (from {@link #find})
     */
    static int[] fill(int[] triples, int[] holeRuns) {
        if (holeRuns.length == 0) {
            return triples;
        }
        int[] merged = new int[triples.length + holeRuns.length];
        int a = 0;
        int b = 0;
        int m = 0;
        while (a < triples.length || b < holeRuns.length) {
            boolean takeA = b >= holeRuns.length
                    || (a < triples.length
                            && (triples[a] < holeRuns[b]
                                    || (triples[a] == holeRuns[b] && triples[a + 1] < holeRuns[b + 1])));
            int y = takeA ? triples[a] : holeRuns[b];
            int x0 = takeA ? triples[a + 1] : holeRuns[b + 1];
            int x1 = takeA ? triples[a + 2] : holeRuns[b + 2];
            if (takeA) {
                a += 3;
            } else {
                b += 3;
            }
            if (m > 0 && merged[m - 3] == y && merged[m - 1] == x0) {
                merged[m - 1] = x1;
            } else {
                merged[m++] = y;
                merged[m++] = x0;
                merged[m++] = x1;
            }
        }
        return Arrays.copyOf(merged, m);
    }
}

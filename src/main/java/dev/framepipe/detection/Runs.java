package dev.framepipe.detection;

import dev.framepipe.geometry.PixelHull;
import dev.framepipe.geometry.RowRuns;
import java.util.Arrays;

/**
 * The pixels of one object as horizontal runs, sorted by row then by start column, so later
 * stages never scan the frame again.
 *
 * <p>Run {@code i} covers row {@link #y(int) y(i)}, columns {@link #x0(int) x0(i)} inclusive
 * to {@link #x1(int) x1(i)} exclusive. Immutable: the array is copied in and out.
 *
 * <p>The convex hull of the pixel squares is computed once, on first use ({@link #hull()}), and
 * shared by every stage that needs it (the size estimator and the classifier run at the same time
 * on the same object). Thread-safe.
 */
public final class Runs implements RowRuns {

    private final int[] triples;
    private volatile PixelHull hull;

    /** @param triples {@code [y0, x0_0, x1_0, y1, x0_1, x1_1, ...]}; copied */
    public Runs(int[] triples) {
        if (triples == null || triples.length % 3 != 0) {
            throw new IllegalArgumentException("runs are (y, x0, x1) triples");
        }
        this.triples = triples.clone();
    }

    /**
     * The convex hull of the pixel squares ({@link PixelHull#of(RowRuns)}), computed on the first call
     * and memoised. Two threads asking at once may both compute it; both get equal hulls.
     */
    public PixelHull hull() {
        PixelHull h = hull;
        if (h == null) {
            h = PixelHull.of(this);
            hull = h;
        }
        return h;
    }

    /** Returns a copy of the triples {@code [y0, x0_0, x1_0, ...]}. */
    public int[] triples() {
        return triples.clone();
    }

    /** Number of runs. */
    @Override
    public int count() {
        return triples.length / 3;
    }

    /** Row of run {@code i}. */
    @Override
    public int y(int i) {
        return triples[3 * i];
    }

    /** First column of run {@code i} (inclusive). */
    @Override
    public int x0(int i) {
        return triples[3 * i + 1];
    }

    /** End column of run {@code i} (exclusive). */
    @Override
    public int x1(int i) {
        return triples[3 * i + 2];
    }

    /** Number of pixels covered by all runs. */
    public long pixelCount() {
        long n = 0;
        for (int i = 0; i < triples.length; i += 3) {
            n += triples[i + 2] - triples[i + 1];
        }
        return n;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Runs r && Arrays.equals(r.triples, triples);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(triples);
    }

    @Override
    public String toString() {
        return "Runs[" + count() + "]";
    }
}

package dev.framepipe.detection;

import java.util.Arrays;

/**
 * The pixels of one object as horizontal runs, sorted by row then by start column, so later
 * stages never scan the frame again.
 *
 * <p>Run {@code i} covers row {@link #y(int) y(i)}, columns {@link #x0(int) x0(i)} inclusive
 * to {@link #x1(int) x1(i)} exclusive. Immutable: the array is copied in and out.
 *
 * @param triples {@code [y0, x0_0, x1_0, y1, x0_1, x1_1, ...]}
 */
public record Runs(int[] triples) {

    public Runs {
        if (triples == null || triples.length % 3 != 0) {
            throw new IllegalArgumentException("runs are (y, x0, x1) triples");
        }
        triples = triples.clone();
    }

    /** Returns a copy of the triples. */
    @Override
    public int[] triples() {
        return triples.clone();
    }

    /** Number of runs. */
    public int count() {
        return triples.length / 3;
    }

    /** Row of run {@code i}. */
    public int y(int i) {
        return triples[3 * i];
    }

    /** First column of run {@code i} (inclusive). */
    public int x0(int i) {
        return triples[3 * i + 1];
    }

    /** End column of run {@code i} (exclusive). */
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

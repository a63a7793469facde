package dev.framepipe.geometry;

/**
 * An object's pixels as horizontal runs sorted by row then by start column: what the geometry
 * of this package is computed from. Run {@code i} covers row {@code y(i)}, columns {@code x0(i)}
 * inclusive to {@code x1(i)} exclusive. Implementations are immutable.
 */
public interface RowRuns {

    /** Number of runs. */
    int count();

    /** Row of run {@code i}. */
    int y(int i);

    /** First column of run {@code i} (inclusive). */
    int x0(int i);

    /** End column of run {@code i} (exclusive). */
    int x1(int i);
}

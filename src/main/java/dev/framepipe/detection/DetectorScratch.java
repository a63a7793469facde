package dev.framepipe.detection;

import java.util.Arrays;

/** Per-thread buffers of the detector, grown on demand. */
final class DetectorScratch {

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
    private byte[] row = new byte[4096];
    /** Whether labeling of the current frame stopped at {@code max-runs}. */
    boolean cut;

    int capacity() {
        return runY.length;
    }

    /** Grows the run arrays, to at most {@code limit} runs. */
    void grow(int limit) {
        int n = (int) Math.min((long) runY.length * 2, limit);
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

    /** A buffer for one row of at least {@code width} bytes. */
    byte[] row(int width) {
        if (row.length < width) {
            row = new byte[width];
        }
        return row;
    }

    /** Length of the mask kept now. */
    int maskBytes() {
        return mask.length;
    }

    /** A zeroed mask of at least {@code size} bytes; callers zero what they used. */
    byte[] mask(int size) {
        if (mask.length < size) {
            mask = new byte[size];
        }
        return mask;
    }
}

package dev.framepipe.stats;

/**
 * Frames per second over a sliding window, counted in 100 ms slots of a ring.
 * Not thread-safe: the owner synchronises. Times are {@link System#nanoTime()} values.
 */
final class FpsWindow {

    private static final long SLOT_NANOS = 100_000_000L;

    private final long[] slotIndex;
    private final long[] slotCount;
    private final long windowNanos;

    FpsWindow(java.time.Duration window) {
        int slots = (int) Math.max(1, window.toNanos() / SLOT_NANOS);
        this.slotIndex = new long[slots];
        this.slotCount = new long[slots];
        this.windowNanos = slots * SLOT_NANOS;
        java.util.Arrays.fill(slotIndex, Long.MIN_VALUE);
    }

    void add(long nowNanos) {
        long slot = Math.floorDiv(nowNanos, SLOT_NANOS);
        int i = (int) Math.floorMod(slot, (long) slotIndex.length);
        if (slotIndex[i] != slot) {
            slotIndex[i] = slot;
            slotCount[i] = 0;
        }
        slotCount[i]++;
    }

    /**
     * Frames per second over the window ending now; while the series is younger than the
     * window, over its age (at least one second), so a new stream does not read low.
     */
    double rate(long nowNanos, long firstNanos) {
        long current = Math.floorDiv(nowNanos, SLOT_NANOS);
        long frames = 0;
        for (int i = 0; i < slotIndex.length; i++) {
            if (slotIndex[i] > current - slotIndex.length && slotIndex[i] <= current) {
                frames += slotCount[i];
            }
        }
        long span = Math.min(windowNanos, Math.max(1_000_000_000L, nowNanos - firstNanos));
        return frames * 1e9 / span;
    }

    double windowSeconds() {
        return windowNanos / 1e9;
    }
}

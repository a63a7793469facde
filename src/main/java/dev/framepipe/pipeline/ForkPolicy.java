package dev.framepipe.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, per frame in {@code auto} mode, whether forking the size estimator pays.
 *
 * <p>Forking overlaps the two middle stages, saving about the shorter one's time; it costs the
 * hand-off: the branch's start delay on a worker plus the wake-up of the request thread when it
 * waits for the branch. Both sides are measured and smoothed (exponentially weighted moving
 * averages, weight {@value #WEIGHT} for the newest sample): each stage's time on every frame, and
 * the hand-off cost on forked frames as the middle section's wall time minus its longer branch.
 * The frame forks when {@code min(size, classify) > handoff}. Until the hand-off has been measured,
 * and on every {@value #PROBE_INTERVAL}th frame run inline, it forks anyway, so the hand-off cost
 * follows the machine's load.
 *
 * <p>Thread-safe; concurrent updates may lose a sample, which a moving average tolerates.
 */
final class ForkPolicy {

    static final double WEIGHT = 0.1;
    static final int PROBE_INTERVAL = 32;

    private volatile double sizeNanos;
    private volatile double classifyNanos;
    private volatile double handoffNanos = Double.NaN;
    private final AtomicLong inlineRun = new AtomicLong();

    /** Whether the next frame should fork its size estimator. */
    boolean shouldFork() {
        double handoff = handoffNanos;
        if (Double.isNaN(handoff)) {
            return true;
        }
        if (Math.min(sizeNanos, classifyNanos) > handoff) {
            return true;
        }
        return inlineRun.incrementAndGet() % PROBE_INTERVAL == 0;
    }

    /** Records the two middle stages' own times on one frame, forked or not. */
    void recordStages(long size, long classify) {
        sizeNanos = smooth(sizeNanos, size);
        classifyNanos = smooth(classifyNanos, classify);
    }

    /** Records a forked frame: its middle section's wall time and its two branches' times. */
    void recordFork(long wall, long size, long classify) {
        long handoff = Math.max(0, wall - Math.max(size, classify));
        double previous = handoffNanos;
        handoffNanos = Double.isNaN(previous) ? handoff : smooth(previous, handoff);
    }

    private static double smooth(double average, long sample) {
        return average == 0 ? sample : average + WEIGHT * (sample - average);
    }

    /** Smoothed hand-off cost in nanoseconds, {@code NaN} before the first forked frame. */
    double handoffNanos() {
        return handoffNanos;
    }

    /** Smoothed size estimator time in nanoseconds. */
    double sizeNanos() {
        return sizeNanos;
    }

    /** Smoothed classifier time in nanoseconds. */
    double classifyNanos() {
        return classifyNanos;
    }
}

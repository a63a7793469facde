package dev.framepipe.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, per frame in {@code auto} mode, whether forking the size estimator pays.
 *
 * <p>Forking overlaps the two middle stages, saving about the shorter one's time; it costs the
 * hand-off: the branch's start delay on a worker plus the wake-up of the request thread when it
 * waits for the branch. Both sides are measured: each stage's time on every frame, smoothed by an
 * exponentially weighted moving average (weight {@value #WEIGHT} for the newest sample), and the
 * hand-off cost on forked frames as the middle section's wall time minus its longer branch, taken
 * as the mean of the last {@value #WINDOW} forked frames, its expected value. The frame forks when
 * {@code min(size, classify) > handoff}.
 *
 * <p>Until the hand-off has been measured it forks. While it runs inline it probes: every
 * {@value #PROBE_INTERVAL}th frame starts a burst of {@value #PROBE_BURST} forked frames, so the
 * hand-off cost follows the machine's load. The first fork after an inline run is {@link
 * Decision#COLD}: it finds the stage workers parked and pays a cold wake-up (on a virtual machine
 * often a millisecond or more) that steady forking does not, so it does not count towards the
 * estimate once there is one. Lone probes, each cold, once measured only that worst case and kept
 * {@code auto} inline on a workload where forking gains about 1.2x to 1.8x (the baseline profile
 * over HTTP at concurrency 1).
 *
 * <p>Thread-safe; concurrent updates of the averages may lose a sample, which they tolerate.
 */
final class ForkPolicy {

    static final double WEIGHT = 0.1;
    static final int PROBE_INTERVAL = 32;
    static final int PROBE_BURST = 4;
    static final int WINDOW = 16;

    /** What {@link #decide()} chose for a frame. */
    enum Decision {
        /** Run both branches on the request thread. */
        INLINE,
        /** Fork the size estimator, the previous frame having forked too. */
        FORK,
        /** Fork the size estimator after an inline run: a probe whose workers are likely parked. */
        COLD;

        boolean forks() {
            return this != INLINE;
        }
    }

    private volatile double sizeNanos;
    private volatile double classifyNanos;
    private volatile double handoffNanos = Double.NaN;
    private final long[] handoffs = new long[WINDOW];
    private int next;
    private int filled;
    private long sum;
    private final AtomicLong inlineRun = new AtomicLong();
    private final AtomicInteger probesLeft = new AtomicInteger();
    private volatile boolean forking = true;

    /** Whether and how the next frame should fork its size estimator. */
    Decision decide() {
        double handoff = handoffNanos;
        boolean fork = Double.isNaN(handoff)
                || Math.min(sizeNanos, classifyNanos) > handoff
                || probesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (!fork && inlineRun.incrementAndGet() % PROBE_INTERVAL == 0) {
            probesLeft.set(PROBE_BURST - 1);
            fork = true;
        }
        boolean wasForking = forking;
        forking = fork;
        return !fork ? Decision.INLINE : wasForking ? Decision.FORK : Decision.COLD;
    }

    /** Records the two middle stages' own times on one frame, forked or not. */
    void recordStages(long size, long classify) {
        sizeNanos = smooth(sizeNanos, size);
        classifyNanos = smooth(classifyNanos, classify);
    }

    /** Records a forked frame: how it was decided, its middle section's wall time and its two branches' times. */
    void recordFork(Decision decision, long wall, long size, long classify) {
        long handoff = Math.max(0, wall - Math.max(size, classify));
        synchronized (handoffs) {
            if (decision == Decision.COLD && filled > 0) {
                return;
            }
            sum += handoff - (filled == WINDOW ? handoffs[next] : 0);
            handoffs[next] = handoff;
            next = (next + 1) % WINDOW;
            filled = Math.min(filled + 1, WINDOW);
            handoffNanos = (double) sum / filled;
        }
    }

    private static double smooth(double average, long sample) {
        return average == 0 ? sample : average + WEIGHT * (sample - average);
    }

    /** The hand-off cost in nanoseconds: the mean of the recent steady forks, {@code NaN} before the first fork. */
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

package dev.framepipe.pipeline;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, per frame in {@code auto} mode, whether forking the size estimator pays.
 *
 * <p>Run inline, the middle section costs the two stages' times one after the other. Forked, it costs
 * its wall time, which is the longer branch plus the hand-off (the branch's start delay on a worker,
 * the analysis thread's wake-up when it waits for the branch) plus what the two branches lose by running
 * at the same time: on two processors that may be hyperthreads or shared with other work, each branch
 * runs slower beside the other. The fork's cost is therefore measured against the branches' times taken
 * <em>inline</em>: each stage's time on frames run inline, smoothed by an exponentially weighted moving
 * average (weight {@value #WEIGHT} for the newest sample), and, on forked frames, the middle section's
 * wall time minus the longer of those two inline times, taken as the mean of the last {@value #WINDOW}
 * forked frames. The frame forks when {@code min(size, classify) > cost}, that is when forked frames
 * have taken less than the two stages take inline. (Timing the branches while forked would count their
 * slowdown as overlap gained: the policy then forked 30-object frames that ran 0.82x to 0.87x as fast
 * as inline, BENCHMARKS.md, seventh session.)
 *
 * <p>The first frames run inline, to time the stages alone; then frames fork until the cost has been
 * measured. While it runs inline it probes: every {@value #PROBE_INTERVAL}th frame starts a burst of
 * {@value #PROBE_BURST} forked frames, so the cost follows the machine's load. While it forks, every
 * {@value #INLINE_PROBE_INTERVAL}th frame runs inline, so the inline times follow the content. The first fork
 * after an inline run is {@link Decision#COLD}: it finds the stage workers parked and pays a cold
 * wake-up (on a virtual machine often a millisecond or more) that steady forking does not, so it does not
 * count towards the estimate once there is one. Lone probes, each cold, once measured only that worst
 * case and kept {@code auto} inline on a workload where forking gains about 1.2x to 1.8x (the baseline
 * profile over HTTP at concurrency 1).
 *
 * <p>Thread-safe; concurrent updates of the averages may lose a sample, which they tolerate.
 */
final class ForkPolicy {

    static final double WEIGHT = 0.1;
    static final int PROBE_INTERVAL = 32;
    static final int PROBE_BURST = 4;
    static final int WINDOW = 16;
    /**
     * While forking, every this many frames one runs inline to time the stages anew. Rare, because it is not
     * free: the fork after it finds the workers parked (over HTTP at concurrency 1, one inline frame in 32 cost
     * the baseline workload 12 %, BENCHMARKS.md, seventh session).
     */
    static final int INLINE_PROBE_INTERVAL = 256;

    /** What {@link #decide()} chose for a frame. */
    enum Decision {
        /** Run both branches on the analysis thread. */
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
    private final AtomicLong forkRun = new AtomicLong();
    private final AtomicInteger probesLeft = new AtomicInteger();
    private volatile boolean forking;

    /** Whether and how the next frame should fork its size estimator. */
    Decision decide() {
        double handoff = handoffNanos;
        boolean fork;
        if (sizeNanos == 0) {
            fork = false;
        } else if (Double.isNaN(handoff)) {
            fork = true;
        } else if (Math.min(sizeNanos, classifyNanos) > handoff) {
            fork = forkRun.incrementAndGet() % INLINE_PROBE_INTERVAL != 0;
        } else {
            fork = probesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fork && inlineRun.incrementAndGet() % PROBE_INTERVAL == 0) {
                probesLeft.set(PROBE_BURST - 1);
                fork = true;
            }
        }
        boolean wasForking = forking;
        forking = fork;
        return !fork ? Decision.INLINE : wasForking ? Decision.FORK : Decision.COLD;
    }

    /** Records the two middle stages' own times on a frame run inline. */
    void recordInline(long size, long classify) {
        sizeNanos = smooth(sizeNanos, size);
        classifyNanos = smooth(classifyNanos, classify);
    }

    /**
     * Records a forked frame: how it was decided, its middle section's wall time and its two branches' times
     * (these count only while no frame has been run inline yet).
     */
    void recordFork(Decision decision, long wall, long size, long classify) {
        double longer = sizeNanos == 0 ? Math.max(size, classify) : Math.max(sizeNanos, classifyNanos);
        long handoff = wall - (long) longer;
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

    /**
     * The cost of forking in nanoseconds: the mean, over the recent steady forks, of the middle section's wall
     * time minus the longer stage's inline time; {@code NaN} before the first fork. Negative when forked
     * frames took less than the longer stage does inline (noise, or a frame that costs less than the mean).
     */
    double handoffNanos() {
        return handoffNanos;
    }

    /** Smoothed size estimator time in nanoseconds, on frames run inline; 0 before the first. */
    double sizeNanos() {
        return sizeNanos;
    }

    /** Smoothed classifier time in nanoseconds, on frames run inline; 0 before the first. */
    double classifyNanos() {
        return classifyNanos;
    }
}

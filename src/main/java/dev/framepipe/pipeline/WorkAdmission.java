package dev.framepipe.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Admits a frame only when the analysis work already in flight, plus its own, can be finished by
 * the processors within a target share of the deadline: a cost-aware admission rule.
 *
 * <p>A frame's expected cost is {@code (pixels + OVERHEAD_PIXELS) x nanosPerPixel} of processor
 * time; {@code nanosPerPixel} is an exponentially weighted mean of what admitted frames really took
 * (their wall time times their share of the processors, measured by {@link FrameAdmission}), so it
 * follows the JIT, the formats, the collector and whatever else runs on the machine. The backlog is the sum of the expected costs of the frames in flight; a frame is admitted
 * when {@code (backlog + cost) / processors <= target x deadline}, or when nothing is in flight (a frame
 * that alone exceeds the target still runs, alone). With processor sharing every frame in flight then
 * finishes within about that time after the last admission, so what is admitted can meet its deadline
 * and what cannot is refused before any work is spent on it.
 *
 * <p>Why not an adaptive limit on the number of frames (Netflix's concurrency-limits, Vegas or
 * Gradient): those learn one concurrency from observed latency and assume requests of similar
 * cost. Frames here differ a thousandfold (640x480 raw against 4096x4096 PNG), so a count that suits
 * small frames admits large ones that miss the deadline, and a count that suits large ones refuses
 * most small ones; the pixel count known from the header predicts the cost directly.
 *
 * <p>Thread-safe; one monitor guards the backlog and the estimate.
 */
public final class WorkAdmission {

    /** Fixed per-frame work (parsing, report, aggregation) expressed in pixels. */
    static final long OVERHEAD_PIXELS = 20_000;
    /** Weight of a new measurement in the mean cost per pixel. */
    private static final double SMOOTHING = 0.1;

    private final long capacityNanos;
    private double nanosPerPixel;
    private long backlogNanos;
    private int inFlight;

    /**
     * @param processors    processors that run frames
     * @param deadline      the frame deadline
     * @param target        share of the deadline the backlog may fill, (0, 1]
     * @param nanosPerPixel CPU time per pixel assumed before the first measurement
     */
    public WorkAdmission(int processors, Duration deadline, double target, double nanosPerPixel) {
        this.capacityNanos = (long) (processors * deadline.toNanos() * target);
        this.nanosPerPixel = nanosPerPixel;
    }

    /** Work in flight: the sum of the admitted frames' expected CPU time. */
    public synchronized Duration backlog() {
        return Duration.ofNanos(backlogNanos);
    }

    /** The work the processors may have in flight, in CPU time. */
    public Duration capacity() {
        return Duration.ofNanos(capacityNanos);
    }

    /** The current estimate of CPU nanoseconds per pixel. */
    public synchronized double nanosPerPixel() {
        return nanosPerPixel;
    }

    /** Whether a frame of {@code pixels} would be admitted now. */
    public synchronized boolean hasRoom(long pixels) {
        return fits(cost(pixels));
    }

    /** Admits a frame of {@code pixels} if it fits now; {@code null} if not. */
    public Ticket tryAdmit(long pixels) {
        return admit(pixels, Duration.ZERO);
    }

    /**
     * Admits a frame of {@code pixels}, waiting at most {@code maxWait} for the backlog to shrink.
     *
     * @return the ticket, or {@code null} when there was no room in time (or the thread was interrupted)
     */
    public Ticket admit(long pixels, Duration maxWait) {
        long until = System.nanoTime() + maxWait.toNanos();
        synchronized (this) {
            long cost = cost(pixels);
            while (!fits(cost)) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                cost = cost(pixels);
            }
            backlogNanos += cost;
            inFlight++;
            return new Ticket(pixels, cost);
        }
    }

    private long cost(long pixels) {
        return (long) ((pixels + OVERHEAD_PIXELS) * nanosPerPixel);
    }

    private boolean fits(long cost) {
        return inFlight == 0 || backlogNanos + cost <= capacityNanos;
    }

    private synchronized void finish(Ticket ticket, long cpuNanos) {
        backlogNanos -= ticket.cost;
        inFlight--;
        if (cpuNanos > 0) {
            double measured = (double) cpuNanos / (ticket.pixels + OVERHEAD_PIXELS);
            nanosPerPixel += SMOOTHING * (measured - nanosPerPixel);
        }
        notifyAll();
    }

    /** One admitted frame's place in the backlog, held until {@link #finish}; finishing twice counts once. */
    public final class Ticket {

        private final long pixels;
        private final long cost;
        private boolean finished;

        private Ticket(long pixels, long cost) {
            this.pixels = pixels;
            this.cost = cost;
        }

        /** The processor time this frame was expected to take, in nanoseconds. */
        public long expected() {
            return cost;
        }

        /**
         * Leaves the backlog.
         *
         * @param cpuNanos processor time the frame took, or 0 when it ended early (failed, refused,
         *                 timed out) and says nothing about the cost of a frame
         */
        public void finish(long cpuNanos) {
            synchronized (this) {
                if (finished) {
                    return;
                }
                finished = true;
            }
            WorkAdmission.this.finish(this, cpuNanos);
        }
    }
}

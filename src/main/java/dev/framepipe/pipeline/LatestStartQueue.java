package dev.framepipe.pipeline;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Starts admitted large frames first come, first served on one slot per processor, and sheds a frame that
 * has waited past its latest start time: the last moment at which it could still start and finish by its
 * deadline, {@code deadline - MARGIN x max(MIN_STRETCH, stretch) x expected CPU time}, where the stretch is
 * how many times its processor time a frame takes in wall time now ({@link WorkAdmission#stretch}). Latest start times are the classic quantity of
 * deadline scheduling (the deadline minus the remaining processing time); shedding from the queue the work
 * that can no longer be served in time, instead of serving it after its client has given up, is how
 * Facebook's servers keep queues from collapsing (B. Maurer, "Fail at Scale", ACM Queue 13(8), 2015).
 *
 * <p>Why: {@link WorkAdmission} admits the work that the processors can finish by the deadline, but it
 * admits it at once, and frames admitted together then share the processors. When its model is wrong (the
 * first frames of a flood cost twice their estimate while the compiler and the refusals take processor time)
 * every one of them finishes late together, after all their work was spent, and each answers 504. Run one
 * per processor in arrival order, the first ones finish early and only the last ones are at risk; those are
 * refused (503, {@code Retry-After}) before their decoding starts, while their body is the only work spent
 * on them. A frame that finds a slot free starts whatever its latest start: the queue never refuses work a
 * processor is free for (a frame that alone cannot finish is {@link WorkAdmission}'s to refuse).
 *
 * <p>Small frames (expected CPU time under {@code deadline / SMALL_DIVISOR}) do not queue: they take
 * milliseconds, and queueing them behind large frames would hold a 640x480 frame for the hundreds of
 * milliseconds a 4096x4096 one takes, which processor sharing does not.
 *
 * <p>Thread-safe.
 */
public final class LatestStartQueue {

    /** Factor on a started frame's expected wall time: a frame that costs twice its estimate still finishes. */
    static final double MARGIN = 2;
    /**
     * The least stretch assumed: a large frame shares its processor at least with its own forked branch and the
     * request threads that refuse the frames arriving meanwhile.
     */
    static final double MIN_STRETCH = 2;
    /** A frame that got its slot sooner than this found it free: it starts whatever its latest start. */
    static final long WAITED = 1_000_000;
    /** Frames expected to take under {@code deadline / SMALL_DIVISOR} of CPU time do not queue. */
    static final long SMALL_DIVISOR = 100;

    private final Semaphore slots;
    private final long smallNanos;
    /** What a small frame gets: no processor held, nothing to give back. */
    private final Slot none = new Slot(false);

    /**
     * @param processors processors that run frames: the number of large frames that run at once
     * @param deadline   the frame deadline
     */
    public LatestStartQueue(int processors, Duration deadline) {
        this.slots = new Semaphore(processors, true);
        this.smallNanos = deadline.toNanos() / SMALL_DIVISOR;
    }

    /**
     * Waits for a slot, at most until the frame's latest start.
     *
     * @param expectedNanos the frame's expected CPU time
     * @param deadline      the frame's deadline, in {@link System#nanoTime()} terms
     * @param stretch       wall time over processor time of the frames now ({@link WorkAdmission#stretch})
     * @return the slot to close when the frame has ended, or {@code null} when none was free by the latest start
     *         (or the thread was interrupted)
     */
    public Slot start(long expectedNanos, long deadline, double stretch) {
        return start(expectedNanos, deadline, () -> stretch);
    }

    /**
     * {@link #start(long, long, double)} with the stretch read when the frame arrives and again when it gets a
     * slot after waiting: a frame that waited is shed when, by the stretch now, its latest start has passed
     * meanwhile (the crowd grew while it waited; {@link DeadlineWatch} reports it while frames run).
     */
    public Slot start(long expectedNanos, long deadline, DoubleSupplier stretch) {
        if (small(expectedNanos)) {
            return none;
        }
        long arrived = System.nanoTime();
        long wait = latestStart(expectedNanos, deadline, stretch.getAsDouble()) - arrived;
        try {
            // The timed form keeps the order even with no wait: the untimed tryAcquire() would barge.
            if (!slots.tryAcquire(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        long now = System.nanoTime();
        if (now - arrived > WAITED && now - latestStart(expectedNanos, deadline, stretch.getAsDouble()) > 0) {
            slots.release();
            return null;
        }
        return new Slot(true);
    }

    private static long latestStart(long expectedNanos, long deadline, double stretch) {
        return deadline - (long) (MARGIN * Math.max(MIN_STRETCH, stretch) * expectedNanos);
    }

    /** Whether a frame expected to take so much CPU time is small: it does not queue. */
    public boolean small(long expectedNanos) {
        return expectedNanos < smallNanos;
    }

    /** Large frames waiting for a slot now. */
    public int waiting() {
        return slots.getQueueLength();
    }

    /** A frame's place on a processor (none for a small frame); closing it (idempotent) frees it for the next. */
    public final class Slot implements AutoCloseable {

        private boolean held;

        private Slot(boolean held) {
            this.held = held;
        }

        @Override
        public synchronized void close() {
            if (held) {
                held = false;
                slots.release();
            }
        }
    }
}

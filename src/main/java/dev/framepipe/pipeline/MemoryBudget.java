package dev.framepipe.pipeline;

import dev.framepipe.frame.FrameTooLarge;
import java.time.Duration;

/**
 * A budget of heap bytes that frames reserve before they allocate them: a body before it is read,
 * the decode and detection working set before decoding. A reservation that does not fit is
 * refused (or waits a bounded time for room); one larger than the whole budget can never fit and
 * is refused with {@link FrameTooLarge}.
 *
 * <p>Small frames keep flowing while large ones fill the budget: a reservation larger than
 * {@code 1/}{@value #LARGE_DIVISOR} of the budget is <em>large</em>, and large reservations may only fill the
 * budget up to {@code 1 - 1/}{@value #HEADROOM_DIVISOR} of it (one that alone exceeds that fits when nothing
 * else is reserved), so the rest is always open to small ones. Without it a flood of 4096x4096 frames would
 * hold the whole budget, and every 640x480 frame would be refused behind them.
 *
 * <p>Thread-safe; one monitor guards the reserved total, so waiters are woken by every release.
 */
public final class MemoryBudget {

    /** A reservation larger than this share of the budget is large. */
    static final int LARGE_DIVISOR = 8;
    /** Share of the budget that large reservations leave to small ones. */
    static final int HEADROOM_DIVISOR = 4;

    private final long limit;
    /** Written under the monitor; read without it, so that a request thread asking never waits for it. */
    private volatile long reserved;

    /** @param limit bytes that may be reserved at once; positive */
    public MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the memory budget must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** The budget in bytes. */
    public long limit() {
        return limit;
    }

    /** Bytes reserved now. */
    public long reserved() {
        return reserved;
    }

    /** Whether {@code bytes} more would fit now (without reserving them). */
    public boolean hasRoom(long bytes) {
        return reserved + bytes <= ceiling(bytes);
    }

    /** Whether a reservation of {@code bytes} is large: it leaves a share of the budget to small ones. */
    public boolean isLarge(long bytes) {
        return bytes > limit / LARGE_DIVISOR;
    }

    /** How far the reserved total may reach with a reservation of {@code bytes}. */
    private long ceiling(long bytes) {
        return isLarge(bytes) ? Math.max(limit - limit / HEADROOM_DIVISOR, bytes) : limit;
    }

    /**
     * Reserves {@code bytes} if they fit now.
     *
     * @return the reservation, or {@code null} when the budget has no room now
     * @throws FrameTooLarge when {@code bytes} exceed the whole budget
     */
    public Reservation tryReserve(long bytes) {
        return reserve(bytes, Duration.ZERO);
    }

    /**
     * Reserves {@code bytes}, waiting at most {@code maxWait} for room.
     *
     * @return the reservation, or {@code null} when no room appeared in time (or the thread was interrupted)
     * @throws FrameTooLarge when {@code bytes} exceed the whole budget
     */
    public Reservation reserve(long bytes, Duration maxWait) {
        checkFits(bytes);
        long until = System.nanoTime() + maxWait.toNanos();
        synchronized (this) {
            while (reserved + bytes > ceiling(bytes)) {
                if (!MonitorWait.until(this, until)) {
                    return null;
                }
            }
            reserved += bytes;
        }
        return new Reservation(bytes);
    }

    private void checkFits(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        if (bytes > limit) {
            throw new FrameTooLarge("the frame needs " + bytes + " bytes of memory (body, decoding and detection);"
                    + " the memory budget is " + limit + " bytes (framepipe.admission.memory-budget)");
        }
    }

    /** Adds {@code bytes} to a reservation that will then hold {@code total}: large or not by that total. */
    private synchronized boolean tryAdd(long bytes, long total) {
        if (reserved + bytes > ceiling(total)) {
            return false;
        }
        reserved += bytes;
        return true;
    }

    private synchronized void release(long bytes) {
        reserved -= bytes;
        notifyAll();
    }

    /**
     * Bytes held by one frame until {@link #close()}. Closing twice releases once. Used by one
     * thread at a time (a request's threads hand it over, never share it).
     */
    public final class Reservation implements AutoCloseable {

        private long bytes;
        private boolean closed;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        /** Bytes held now. */
        public synchronized long bytes() {
            return bytes;
        }

        /**
         * Reserves {@code more} bytes in addition (a chunked body as it grows).
         *
         * @return whether they fit; when not, nothing more is held
         * @throws FrameTooLarge when the reservation would exceed the whole budget
         */
        public synchronized boolean grow(long more) {
            if (closed) {
                throw new IllegalStateException("the reservation is released");
            }
            checkFits(bytes + more);
            if (!tryAdd(more, bytes + more)) {
                return false;
            }
            bytes += more;
            return true;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release(bytes);
            }
        }
    }
}

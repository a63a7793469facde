package dev.framepipe.pipeline;

import java.util.concurrent.TimeUnit;

/** The bounded wait that admission's two gates share: on an object's monitor, until a deadline. */
final class MonitorWait {

    private MonitorWait() {}

    /**
     * Waits on {@code monitor} (whose lock the caller holds) until notified or until {@code untilNanos}
     * ({@link System#nanoTime()} clock).
     *
     * @return {@code false} when the deadline has passed or the thread was interrupted (its interrupt
     *         status then set again), {@code true} when the caller should check its condition again
     */
    static boolean until(Object monitor, long untilNanos) {
        long left = untilNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(monitor, left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

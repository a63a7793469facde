package dev.framepipe.pipeline;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stage executor's work queue: a worker asking for its next task polls it in a loop for up to
 * {@code spinNanos} before it parks. A branch forked while a worker is still spinning starts within
 * a microsecond or two instead of waiting for a parked thread on an idle virtual CPU to be woken
 * (tens of microseconds, sometimes milliseconds).
 *
 * <p>The loop yields the processor ({@link Thread#yield()}) between polls rather than only pausing
 * ({@link Thread#onSpinWait()}): a scheduler may queue the spinning worker and an analysis thread on the same
 * processor while the other one idles (the 2-vCPU test VM's did so for one forked frame in six to eight at concurrency 1), and a worker that
 * pauses without yielding then holds that processor for its whole spin while the analysis thread waits.
 * Measured at concurrency 1 on the baseline profile, such frames' classifier took its own time plus the
 * size estimator's plus the 2 ms spin; with the yield they take at most the sum of the two stages.
 *
 * <p>Bounded three ways: a worker spins only right after it has run a task (or been started), then
 * at most {@code spinNanos}, and only one worker spins at a time (the others park at once: one
 * prompt worker is what a frame's single forked branch needs, and a second spinner would only take
 * a core from the analysis threads). An idle service's workers are all parked and burn no CPU. The
 * capacity bound is {@link LinkedBlockingQueue}'s own. Thread-safe.
 */
final class SpinningTaskQueue extends LinkedBlockingQueue<Runnable> {

    private final long spinNanos;
    private final AtomicBoolean spinning = new AtomicBoolean();

    SpinningTaskQueue(int capacity, long spinNanos) {
        super(capacity);
        this.spinNanos = spinNanos;
    }

    @Override
    public Runnable take() throws InterruptedException {
        Runnable task = spin();
        return task != null ? task : super.take();
    }

    @Override
    public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
        Runnable task = spin();
        return task != null ? task : super.poll(timeout, unit);
    }

    private Runnable spin() {
        if (spinNanos <= 0 || !spinning.compareAndSet(false, true)) {
            return poll();
        }
        try {
            long end = System.nanoTime() + spinNanos;
            do {
                Runnable task = poll();
                if (task != null) {
                    return task;
                }
                Thread.yield();
            } while (System.nanoTime() - end < 0);
            return null;
        } finally {
            spinning.set(false);
        }
    }
}

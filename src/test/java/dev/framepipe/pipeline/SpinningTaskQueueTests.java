package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpinningTaskQueueTests {

    @Test
    void handsATaskOfferedDuringTheSpinToTheWaitingWorker() throws Exception {
        SpinningTaskQueue queue = new SpinningTaskQueue(4, TimeUnit.SECONDS.toNanos(5));
        Runnable task = () -> {};
        CompletableFuture<Runnable> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(20);

        queue.offer(task);

        assertThat(taken.get(5, TimeUnit.SECONDS)).isSameAs(task);
    }

    @Test
    void parksAWorkerOnceItsSpinIsOverSoAnIdleServiceBurnsNoCpu() throws Exception {
        SpinningTaskQueue queue = new SpinningTaskQueue(4, TimeUnit.MILLISECONDS.toNanos(1));
        Thread worker = new Thread(() -> {
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(worker.getState()).isEqualTo(Thread.State.WAITING);
        queue.offer(() -> {});
        worker.join(5_000);
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void letsOnlyOneWorkerSpinAtATime() throws Exception {
        SpinningTaskQueue queue = new SpinningTaskQueue(4, TimeUnit.SECONDS.toNanos(30));
        Thread spinner = new Thread(() -> {
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread second = new Thread(() -> {
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        spinner.start();
        Thread.sleep(50);
        second.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (second.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(spinner.getState()).isIn(Thread.State.RUNNABLE);
        assertThat(second.getState()).isEqualTo(Thread.State.WAITING);
        queue.offer(() -> {});
        queue.offer(() -> {});
        spinner.join(5_000);
        second.join(5_000);
        assertThat(spinner.isAlive()).isFalse();
        assertThat(second.isAlive()).isFalse();
    }

    @Test
    void keepsItsCapacityBound() {
        SpinningTaskQueue queue = new SpinningTaskQueue(2, 0);

        assertThat(queue.offer(() -> {})).isTrue();
        assertThat(queue.offer(() -> {})).isTrue();
        assertThat(queue.offer(() -> {})).isFalse();
    }
}

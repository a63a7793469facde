package dev.framepipe.bench;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long a task waits between submission to an idle two-thread pool and the start of its run: the
 * hand-off the concurrent mode pays per frame (BENCHMARKS.md). Between tasks the caller spins 2 ms on
 * its own core so the worker parks, as it does between frames. Not a test; run with
 * {@code java -cp target/test-classes dev.framepipe.bench.HandoffLatency}.
 */
public final class HandoffLatency {

    private HandoffLatency() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            long[] waits = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long submitted = System.nanoTime();
                Future<Long> started = pool.submit(System::nanoTime);
                waits[i] = started.get() - submitted;
                long until = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            Arrays.sort(waits);
            System.out.printf(
                    "hand-off to an idle pool thread over %d rounds: p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%n",
                    rounds,
                    waits[rounds / 2] / 1e3,
                    waits[rounds * 9 / 10] / 1e3,
                    waits[rounds * 99 / 100] / 1e3,
                    waits[rounds - 1] / 1e3);
        } finally {
            pool.shutdownNow();
        }
    }
}

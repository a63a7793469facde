package dev.framepipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** The "safe under concurrent calls" claim of the stage contracts, written once. */
public final class StageConcurrency {

    /** Threads calling the stage at once. */
    public static final int THREADS = 8;
    /** Times every input is submitted. */
    public static final int ROUNDS = 3;

    private StageConcurrency() {}

    /**
     * Calls {@code stage} on every input sequentially, then {@value #ROUNDS} times more from {@value #THREADS}
     * threads started together, and asserts that every concurrent call gave the sequential result of its input.
     *
     * @param inputs at least one input
     * @param stage  the stage call under test
     */
    public static <I, R> void assertConcurrentCallsMatchSequentialOnes(List<I> inputs, Function<I, R> stage)
            throws Exception {
        assertThat(inputs).isNotEmpty();
        List<R> sequential = inputs.stream().map(stage).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (I input : inputs) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        return stage.apply(input);
                    }));
                }
            }
            start.countDown();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(2, TimeUnit.MINUTES))
                        .as("concurrent call %d on input %d", i, i % inputs.size())
                        .isEqualTo(sequential.get(i % inputs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

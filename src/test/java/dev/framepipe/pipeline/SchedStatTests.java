package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedStatTests {

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aThreadThatBlocksIsNotCountedAsWaitingForAProcessor() throws InterruptedException {
        SchedStat.Sample start = SchedStat.now();
        assumeTrue(start != null, "the kernel gives no scheduler statistics here");
        spin(TimeUnit.MILLISECONDS.toNanos(5));
        new CountDownLatch(1).await(200, TimeUnit.MILLISECONDS);
        spin(TimeUnit.MILLISECONDS.toNanos(5));
        double stretch = SchedStat.now().stretchSince(start);
        assertThat(stretch)
                .as("200 ms blocked on a latch after 10 ms of running is not a crowd of 20")
                .isBetween(1.0, 5.0);
    }

    @Test
    void threadsThatOutnumberTheProcessorsWaitForThemInProportion() throws InterruptedException {
        assumeTrue(SchedStat.now() != null, "the kernel gives no scheduler statistics here");
        int threads = 4 * Runtime.getRuntime().availableProcessors();
        double[] stretches = new double[threads];
        Thread[] spinners = new Thread[threads];
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            int index = i;
            spinners[i] = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                SchedStat.Sample start = SchedStat.now();
                spin(TimeUnit.MILLISECONDS.toNanos(400));
                stretches[index] = SchedStat.now().stretchSince(start);
            });
            spinners[i].start();
        }
        go.countDown();
        for (Thread spinner : spinners) {
            spinner.join();
        }
        double mean = java.util.Arrays.stream(stretches).average().orElseThrow();
        assertThat(mean)
                .as("four runnable threads per processor each wait about three times as long as they run")
                .isGreaterThan(2.0);
    }

    @Test
    void aThreadThatRanTooLittleMeasuresNothing() {
        SchedStat.Sample start = SchedStat.now();
        assumeTrue(start != null, "the kernel gives no scheduler statistics here");
        assertThat(new SchedStat.Sample(start.runNanos() + 1_000, start.waitNanos() + 50_000).stretchSince(start))
                .isZero();
        assertThat(new SchedStat.Sample(start.runNanos() + 1_000_000, start.waitNanos() + 3_000_000)
                        .stretchSince(start))
                .isEqualTo(4.0);
        assertThat(start.stretchSince(null)).isZero();
    }
}

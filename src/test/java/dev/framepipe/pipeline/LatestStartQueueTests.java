package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LatestStartQueueTests {

    /** One processor, 2 s deadline: frames expected under 20 ms of CPU are small. */
    private static LatestStartQueue oneProcessor() {
        return new LatestStartQueue(1, Duration.ofSeconds(2));
    }

    private static final long LARGE = 100_000_000;

    private static long in(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void smallFramesStartAtOnceWhileTheProcessorsAreTaken() {
        LatestStartQueue queue = oneProcessor();
        assertThat(queue.start(LARGE, in(2000), 1)).isNotNull();
        assertThat(queue.start(19_000_000, in(0), 1))
                .as("a small frame never waits")
                .isNotNull();
    }

    @Test
    void aLargeFrameThatFindsAProcessorFreeStartsWhateverItsLatestStart() {
        LatestStartQueue queue = oneProcessor();
        assertThat(queue.start(LARGE, in(-1000), 1)).isNotNull();
    }

    @Test
    void largeFramesBeyondTheProcessorsStartInArrivalOrderAsProcessorsFree() throws Exception {
        LatestStartQueue queue = oneProcessor();
        LatestStartQueue.Slot running = queue.start(LARGE, in(2000), 1);
        List<Integer> started = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] waiting = new CompletableFuture<?>[3];
        for (int i = 0; i < waiting.length; i++) {
            int frame = i;
            waiting[i] = CompletableFuture.runAsync(() -> {
                try (LatestStartQueue.Slot slot = queue.start(LARGE, in(10_000), 1)) {
                    assertThat(slot).isNotNull();
                    started.add(frame);
                }
            });
            while (queue.waiting() < i + 1) {
                Thread.onSpinWait();
            }
        }
        assertThat(started).as("nothing starts while the processor is taken").isEmpty();
        running.close();
        CompletableFuture.allOf(waiting).get(5, TimeUnit.SECONDS);
        assertThat(started).containsExactly(0, 1, 2);
    }

    /** With the one processor taken, how long a frame expected to take 100 ms waits before it is shed. */
    private static long nanosUntilShed(long deadlineMillis, double stretch) {
        LatestStartQueue queue = oneProcessor();
        queue.start(LARGE, in(2000), 1);
        long before = System.nanoTime();
        assertThat(queue.start(LARGE, in(deadlineMillis), stretch)).isNull();
        return System.nanoTime() - before;
    }

    @Test
    void aLargeFrameIsShedWhenNoProcessorFreesBeforeItsLatestStart() {
        // latest start: deadline - 2 x max(2, 1) x 100 ms = 600 ms from now
        assertThat(nanosUntilShed(1000, 1))
                .as("it waited for a processor, but gave up before its deadline")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500))
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
    }

    @Test
    void theMoreFramesAreStretchedTheEarlierAWaitingFrameIsShed() {
        // at stretch 5 the frame needs 2 x 5 x 100 ms = 1 s: with 1 s left it cannot wait at all
        assertThat(nanosUntilShed(1000, 5)).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void closingASlotTwiceFreesOneProcessor() {
        LatestStartQueue queue = oneProcessor();
        LatestStartQueue.Slot slot = queue.start(LARGE, in(2000), 1);
        slot.close();
        slot.close();
        assertThat(queue.start(LARGE, in(0), 1)).isNotNull();
        assertThat(queue.start(LARGE, in(0), 1))
                .as("one processor, taken again")
                .isNull();
    }

    @Test
    void aFrameThatWaitedIsShedWhenTheCrowdGrewPastItsLatestStartMeanwhile() throws Exception {
        LatestStartQueue queue = oneProcessor();
        LatestStartQueue.Slot running = queue.start(LARGE, in(2000), 1);
        AtomicReference<Double> stretch = new AtomicReference<>(1.0);
        // Latest start at 2 s - 2 x 2 x 100 ms = 1.6 s from now by the stretch on arrival; 1 s by a stretch of 5.
        CompletableFuture<LatestStartQueue.Slot> waiting =
                CompletableFuture.supplyAsync(() -> queue.start(LARGE, in(2000), stretch::get));
        while (queue.waiting() < 1) {
            Thread.onSpinWait();
        }
        stretch.set(5.0);
        Thread.sleep(1_200);
        running.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS))
                .as("its latest start by the stretch now has passed")
                .isNull();
        assertThat(queue.start(LARGE, in(-1000), 1))
                .as("the slot was given back")
                .isNotNull();
    }
}

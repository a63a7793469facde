package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class ProcessOverheadTests {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Spins for {@code millis} of wall time; returns this thread's CPU time spent. */
    private static long spin(long millis) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long until = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < until) {
            x += x * 31 + 7;
        }
        assertThat(x).isNotEqualTo(1);
        return THREADS.getCurrentThreadCpuTime() - cpu;
    }

    @Test
    void processorTimeSpentOutsideTheFramesThreadsRaisesWhatAFrameCosts() throws Exception {
        ProcessOverhead overhead = new ProcessOverhead();
        assertThat(overhead.scale(1_000_000)).as("before a period has passed").isEqualTo(1_000_000);
        // Another thread (a collector, the container) burns about as much as the frame's thread does.
        Thread other = new Thread(() -> spin(1_200));
        other.start();
        long frame = spin(1_200);
        other.join();
        long scaled = overhead.scale(frame);
        assertThat(overhead.factor()).isBetween(1.3, ProcessOverhead.MAX_FACTOR);
        assertThat(scaled).isEqualTo((long) (frame * overhead.factor()));
    }

    @Test
    void aPeriodWithLittleFrameWorkKeepsTheFactor() throws Exception {
        ProcessOverhead overhead = new ProcessOverhead();
        Thread other = new Thread(() -> spin(1_100));
        other.start();
        other.join();
        overhead.scale(1_000);
        assertThat(overhead.factor()).as("1 µs of frame work says nothing").isEqualTo(1.0);
    }
}

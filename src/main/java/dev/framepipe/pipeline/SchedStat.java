package dev.framepipe.pipeline;

import java.io.FileInputStream;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The current thread's scheduler statistics from Linux: how long it has run on a processor and how long it has
 * waited on a run queue while runnable ({@code /proc/thread-self/schedstat}, whose first two fields are these
 * two times in nanoseconds; Linux kernel documentation, {@code scheduler/sched-stats}). Their ratio over a
 * frame is how crowded the processors were for it: waiting for a lock, a latch or a socket is not on a run
 * queue, so a stage that blocks does not count as a crowd. About 9 microseconds a read.
 *
 * <p>Where the file does not exist (not Linux, or a kernel without scheduler statistics), {@link #now()}
 * returns {@code null} and nothing is measured.
 */
final class SchedStat {

    private static final String FILE = "/proc/thread-self/schedstat";
    /** A frame that ran less than this measures the clock's grain, not the crowd. */
    private static final long MIN_RUN_NANOS = 100_000;

    private static volatile boolean available = true;

    private SchedStat() {}

    /** Times of the current thread so far, or {@code null} where the kernel does not give them. */
    static @Nullable Sample now() {
        if (!available) {
            return null;
        }
        byte[] buffer = new byte[64];
        int length;
        try (FileInputStream in = new FileInputStream(FILE)) {
            length = in.read(buffer);
        } catch (IOException e) {
            available = false;
            return null;
        }
        // "<run ns> <wait ns> <slices>\n": two decimal fields read in place, no String per frame.
        long run = 0;
        long wait = 0;
        int field = 0;
        boolean digits = false;
        for (int i = 0; i < length && field < 2; i++) {
            int b = buffer[i];
            if (b >= '0' && b <= '9') {
                if (field == 0) {
                    run = run * 10 + (b - '0');
                } else {
                    wait = wait * 10 + (b - '0');
                }
                digits = true;
            } else if (digits) {
                field++;
                digits = false;
            }
        }
        if (field < 1 || (field == 1 && !digits)) {
            available = false;
            return null;
        }
        return new Sample(run, wait);
    }

    /**
     * Run time and run-queue time of one thread so far.
     *
     * @param runNanos  time on a processor
     * @param waitNanos time runnable, waiting for a processor
     */
    record Sample(long runNanos, long waitNanos) {

        /**
         * Wall time over processor time of this thread since {@code start}, counting only the waits for a
         * processor: 1 + waited / ran; 0 when it ran too little to tell.
         */
        double stretchSince(@Nullable Sample start) {
            if (start == null) {
                return 0;
            }
            long ran = runNanos - start.runNanos;
            if (ran < MIN_RUN_NANOS) {
                return 0;
            }
            return 1 + (double) Math.max(0, waitNanos - start.waitNanos) / ran;
        }
    }
}

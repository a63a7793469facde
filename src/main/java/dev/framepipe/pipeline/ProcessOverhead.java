package dev.framepipe.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How much processor time the whole process spends per unit of processor time spent on frames' own threads:
 * the collector, the JIT, the container receiving bodies and answering refusals all run on other threads,
 * and a frame's thread CPU time leaves them out. Over each period of at least {@link #PERIOD_NANOS}, the
 * process's CPU time (from {@code com.sun.management.OperatingSystemMXBean}) divided by the frames' CPU time
 * gives the factor, smoothed and kept within [1, {@link #MAX_FACTOR}]; a period with little frame work says
 * nothing and keeps the last factor. Where the JVM does not report the process's CPU time, the factor stays 1.
 * Thread-safe.
 */
final class ProcessOverhead {

    static final long PERIOD_NANOS = 1_000_000_000L;
    static final double MAX_FACTOR = 4.0;
    /** Frames' CPU time below this share of the process's says nothing about the overhead of frames. */
    private static final double MIN_FRAME_SHARE = 0.2;

    private static final double WEIGHT = 0.5;

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private long periodStart = System.nanoTime();
    private long processCpuAtStart = processCpu();
    private long frameCpu;
    private double factor = 1.0;

    /** Records a frame's own CPU time and returns it scaled by the current factor. */
    synchronized long scale(long frameCpuNanos) {
        frameCpu += frameCpuNanos;
        long now = System.nanoTime();
        if (now - periodStart >= PERIOD_NANOS) {
            long processCpu = processCpu();
            long spent = processCpu - processCpuAtStart;
            if (processCpuAtStart >= 0 && processCpu >= 0 && frameCpu > MIN_FRAME_SHARE * spent) {
                double measured = Math.max(1.0, Math.min(MAX_FACTOR, (double) spent / frameCpu));
                factor += WEIGHT * (measured - factor);
            }
            periodStart = now;
            processCpuAtStart = processCpu;
            frameCpu = 0;
        }
        return (long) (frameCpuNanos * factor);
    }

    /** The current factor. */
    synchronized double factor() {
        return factor;
    }

    private long processCpu() {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}

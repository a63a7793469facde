package dev.framepipe.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The current thread's processor time, for pricing frames by what they cost the processors
 * ({@link WorkAdmission}). On Linux the JVM reads it with {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)},
 * well under a microsecond a call. Where the JVM cannot measure it, wall time stands in.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean MEASURED = THREADS.isCurrentThreadCpuTimeSupported();

    private ThreadCpu() {}

    /** The current thread's processor time in nanoseconds, from an arbitrary origin (differences only). */
    static long now() {
        if (MEASURED) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            if (cpu >= 0) {
                return cpu;
            }
        }
        return System.nanoTime();
    }
}

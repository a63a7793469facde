package dev.framepipe.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Where admitted frames are analysed: threads apart from those that take requests in. A request thread
 * admits a frame, hands its analysis to one of these threads and waits for it
 * ({@link FramePipeline#process}).
 *
 * <p>Why: during a flood of frames that are refused (64 clients posting 4096x4096 PNGs back to back, each
 * posting again as soon as it is refused) the request threads read the first bytes of each body, answer 503,
 * and the container reads and discards up to {@code server.tomcat.max-swallow-size} more before it closes
 * the connection. That work has no end: the sooner a refusal is answered, the sooner its client posts again.
 * Run on the same threads as the analysis, it took most of the processors, and the frames admitted got a
 * sixth of them. Linux shares processors between runnable threads by the weight of their nice value (the
 * kernel's {@code sched_prio_to_weight}: 1024 at nice 0, 15 at nice 19). With the container's JVM options
 * {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19}, the request threads, which the
 * web configuration starts at {@link Thread#MIN_PRIORITY}, run at nice 19, and these threads, at
 * {@link Thread#NORM_PRIORITY}, at nice 0: the frames admitted get the processors first, the refusals
 * what is left. Without those options the JVM leaves every thread at the process's nice value, and the
 * hand-off changes nothing but the thread.
 *
 * <p>Why other threads, not the request thread raised for the analysis: a process without
 * {@code CAP_SYS_NICE} (a container's) can lower a thread's priority but not raise it again. And a new
 * thread starts at its creator's nice value whatever Java priority it asks for, so these threads are all
 * started when the executor is built, by the thread that builds the application, at nice 0, never later
 * by a request thread.
 *
 * <p>There is one analysis thread per frame that {@code framepipe.pipeline.max-in-flight} lets in, so an
 * admitted frame never waits for a thread; an executor that refuses the hand-off (shutting down) leaves
 * the analysis to the calling thread.
 */
public final class AnalysisThreads {

    /** No hand-off: frames are analysed on the calling thread (outside Spring: tests, benchmarks, tools). */
    public static final AnalysisThreads CALLER = new AnalysisThreads(null);

    private final @Nullable Executor executor;

    private AnalysisThreads(@Nullable Executor executor) {
        this.executor = executor;
    }

    /** Analysis on the threads of {@code executor}, whose threads are all started already. */
    public static AnalysisThreads on(Executor executor) {
        return new AnalysisThreads(executor);
    }

    /**
     * Runs {@code work} on an analysis thread and waits for it, uninterruptibly (the work ends by its frame's
     * deadline); an interrupt that arrives meanwhile is kept for the caller.
     *
     * @return what the work returned
     * @throws RuntimeException what the work threw (an {@link Error} likewise)
     */
    <T> T call(Supplier<T> work) {
        if (executor == null) {
            return work.get();
        }
        FutureTask<T> task = new FutureTask<>(work::get);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            return work.get();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the analysis ended abnormally", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

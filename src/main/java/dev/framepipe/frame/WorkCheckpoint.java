package dev.framepipe.frame;

import org.jspecify.annotations.Nullable;

/**
 * Cooperative cancellation of the work on one frame. The long loops of decoding and detection call
 * {@link #check()} between slices of a few microseconds to a few milliseconds of work (a strip of rows, a row,
 * a batch of runs); whoever runs the frame may {@linkplain #watch install} a {@link Watch} on its thread, which
 * abandons the frame there by throwing {@link Abandoned}. Without a watch, a check is one thread-local read.
 *
 * <p>Why cooperative: a Java thread cannot be stopped from outside, and interrupting a request thread would close
 * the channel it reads its body from. The stages do not know who watches or why; they let {@link Abandoned} pass
 * through untouched (never wrapped as bad input or as a stage failure).
 */
public final class WorkCheckpoint {

    private static final ThreadLocal<@Nullable Watch> WATCH = new ThreadLocal<>();

    private WorkCheckpoint() {}

    /** Decides, at a checkpoint, whether the frame on this thread goes on. */
    @FunctionalInterface
    public interface Watch {

        /**
         * Returns to go on.
         *
         * @throws Abandoned to stop the frame's work here
         */
        void check();
    }

    /** The installed watch's scope; closing it restores the thread's previous watch (or none). */
    public interface Scope extends AutoCloseable {

        @Override
        void close();
    }

    /** Thrown by a {@link Watch} to abandon a frame's work; carries no stack trace (it is control flow). */
    public static class Abandoned extends RuntimeException {

        public Abandoned(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A checkpoint: asks this thread's watch, if any, whether the frame goes on.
     *
     * @throws Abandoned when the watch abandons the frame
     */
    public static void check() {
        Watch watch = WATCH.get();
        if (watch != null) {
            watch.check();
        }
    }

    /**
     * Installs {@code watch} on this thread until the returned scope is closed (on this thread).
     *
     * @param watch the watch, or {@code null} for none (the frame is not watched)
     */
    public static Scope watch(@Nullable Watch watch) {
        Watch previous = WATCH.get();
        if (watch == null && previous == null) {
            return () -> {};
        }
        WATCH.set(watch);
        return () -> {
            if (previous == null) {
                WATCH.remove();
            } else {
                WATCH.set(previous);
            }
        };
    }
}

package dev.framepipe.detection;

import dev.framepipe.frame.Frame;

/**
 * Finds the objects on a frame: global threshold, then connected-component labeling.
 *
 * <p>Implementations are thread-safe (one instance serves every request thread) and never
 * modify the frame. The same frame always gives the same detection.
 */
public interface Detector {

    /**
     * @param frame the frame to analyse; not modified
     * @return the objects found, never {@code null}; no objects for an empty or uniform frame
     */
    Detection detect(Frame frame);

    /**
     * Loads whatever the stage needs before its first frame (a model file, tables). Called
     * once at start-up by the pipeline, before readiness; may block and be slow. The default
     * does nothing.
     *
     * @throws RuntimeException with a clear message when the stage cannot start
     */
    default void initialise() {
    }
}

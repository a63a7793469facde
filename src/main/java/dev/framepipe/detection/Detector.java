package dev.framepipe.detection;

import dev.framepipe.frame.Frame;

/**
 * Finds the objects on a frame: threshold, polarity, connected-component labeling, optional splitting of
 * touching objects, holes, filters.
 *
 * <p>Implementations are thread-safe (one instance serves every request thread) and never
 * modify the frame. The same frame with the same options always gives the same detection.
 */
public interface Detector {

    /**
     * Detects with the detector's own defaults.
     *
     * @param frame the frame to analyse; not modified
     * @return the objects found, never {@code null}; no objects for an empty or uniform frame
     */
    Detection detect(Frame frame);

    /**
     * Detects with the given options (a stream's or a request's). The default ignores them, for detectors
     * that have none (the baseline workload's, test doubles).
     *
     * @param frame   the frame to analyse; not modified
     * @param options the options in effect for this frame
     * @return the objects found, never {@code null}; no objects for an empty or uniform frame
     */
    default Detection detect(Frame frame, DetectorOptions options) {
        return detect(frame);
    }

    /**
     * Loads whatever the stage needs before its first frame (a model file, tables). Called
     * once at start-up by the pipeline, before readiness; may block and be slow. The default
     * does nothing.
     *
     * @throws RuntimeException with a clear message when the stage cannot start
     */
    default void initialise() {}
}

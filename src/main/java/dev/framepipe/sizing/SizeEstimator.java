package dev.framepipe.sizing;

import dev.framepipe.detection.Detection;
import java.util.List;

/**
 * Measures every detected object from its moments and runs (never from the frame).
 * Thread-safe; the detection is not modified.
 */
public interface SizeEstimator {

    /**
     * @param detection the detector's output; not modified
     * @return one size per object, in the detection's object order
     */
    List<ObjectSize> estimate(Detection detection);

    /**
     * Loads whatever the stage needs before its first frame (a model file, tables). Called
     * once at start-up by the pipeline, before readiness; may block and be slow. The default
     * does nothing.
     *
     * @throws RuntimeException with a clear message when the stage cannot start
     */
    default void initialise() {}
}

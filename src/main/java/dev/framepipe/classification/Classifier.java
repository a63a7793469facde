package dev.framepipe.classification;

import dev.framepipe.detection.Detection;
import java.util.List;

/**
 * Assigns a class and a confidence to every detected object, from shape features computed
 * from the detector's output (never from the frame). Thread-safe; the detection is not modified.
 */
public interface Classifier {

    /**
     * @param detection the detector's output; not modified
     * @return one classification per object, in the detection's object order
     */
    List<Classification> classify(Detection detection);

    /** The class labels this classifier can return, in a stable order. */
    List<String> labels();

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

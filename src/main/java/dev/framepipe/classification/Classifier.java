package dev.framepipe.classification;

import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import java.util.List;

/**
 * Assigns a class and a confidence to every detected object. Shape-feature classifiers decide
 * from the detector's output; a learned one also reads the frame's pixels under each object.
 * Thread-safe; neither the frame nor the detection is modified.
 */
public interface Classifier {

    /**
     * @param frame     the analysed frame (the pixels under each object's runs); not modified
     * @param detection the detector's output on {@code frame}; not modified
     * @return one classification per object, in the detection's object order, and the model that decided
     */
    FrameClassification classify(Frame frame, Detection detection);

    /** The class labels the current model can return, in a stable order. */
    List<String> labels();

    /** The model deciding now. */
    ModelIdentity model();

    /**
     * Loads whatever the stage needs before its first frame (a model file, tables). Called
     * once at start-up by the pipeline, before readiness; may block and be slow. The default
     * does nothing.
     *
     * @throws RuntimeException with a clear message when the stage cannot start
     */
    default void initialise() {}

    /**
     * Replaces the model without a restart: the new one is loaded, validated and warmed on the
     * calling thread, then swapped in atomically; frames being classified finish on the model they
     * started with. The default refuses: only a learned classifier's model can be replaced.
     *
     * @param model the new model's bytes (for ONNX, a serialised {@code ModelProto})
     * @return the new model's identity
     * @throws ModelRejected               when the model cannot be loaded or does not fit; the old one keeps serving
     * @throws ModelReplacementUnsupported when this classifier has no replaceable model
     */
    default ModelIdentity replaceModel(byte[] model) {
        throw new ModelReplacementUnsupported(
                "the " + model().kind() + " classifier has no replaceable model; set framepipe.classifier.kind=onnx");
    }
}

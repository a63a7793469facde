package dev.framepipe.classification;

/** The configured classifier has no model that can be replaced at run time (not {@code kind=onnx}). */
public class ModelReplacementUnsupported extends RuntimeException {

    public ModelReplacementUnsupported(String message) {
        super(message);
    }
}

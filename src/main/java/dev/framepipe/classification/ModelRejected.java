package dev.framepipe.classification;

/** A model offered to replace the current one cannot be loaded or does not fit; the old one keeps serving. */
public class ModelRejected extends RuntimeException {

    public ModelRejected(String message, Throwable cause) {
        super(message, cause);
    }
}

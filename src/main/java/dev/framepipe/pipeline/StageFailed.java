package dev.framepipe.pipeline;

/** A stage failed on a frame and no partial result was allowed or possible (HTTP 500 naming the stage). */
public class StageFailed extends RuntimeException {

    private final String stage;

    public StageFailed(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /** The failed stage's name. */
    public String stage() {
        return stage;
    }
}

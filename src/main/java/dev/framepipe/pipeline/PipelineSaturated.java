package dev.framepipe.pipeline;

/** More frames are in flight than {@code framepipe.pipeline.max-in-flight} allows (HTTP 503 with {@code Retry-After}). */
public class PipelineSaturated extends RuntimeException {

    public PipelineSaturated(String message) {
        super(message);
    }
}

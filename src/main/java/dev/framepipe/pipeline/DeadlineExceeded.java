package dev.framepipe.pipeline;

import java.time.Duration;

/** A frame was not analysed within {@code framepipe.pipeline.deadline} (HTTP 504). */
public class DeadlineExceeded extends RuntimeException {

    private final String stage;

    public DeadlineExceeded(String stage, Duration deadline) {
        super("the frame was not analysed within its deadline of " + deadline.toMillis() + " ms (stage '" + stage
                + "' was still running)");
        this.stage = stage;
    }

    /** The stage that was running when the deadline passed. */
    public String stage() {
        return stage;
    }
}

package dev.framepipe.frame;

/** The frame's bytes are truncated, corrupt or do not match the declared format (HTTP 422). */
public class UndecodableFrame extends RuntimeException {

    public UndecodableFrame(String message) {
        super(message);
    }

    public UndecodableFrame(String message, Throwable cause) {
        super(message, cause);
    }
}

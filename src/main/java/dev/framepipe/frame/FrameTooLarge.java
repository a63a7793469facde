package dev.framepipe.frame;

/** The frame's body or its declared dimensions exceed the configured limits (HTTP 413). */
public class FrameTooLarge extends RuntimeException {

    public FrameTooLarge(String message) {
        super(message);
    }

    public FrameTooLarge(String message, Throwable cause) {
        super(message, cause);
    }
}

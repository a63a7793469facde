package dev.framepipe.frame;

/** Raw frame dimensions are missing, not positive, or do not match the body length (HTTP 400). */
public class InvalidFrameGeometry extends RuntimeException {

    public InvalidFrameGeometry(String message) {
        super(message);
    }

    public InvalidFrameGeometry(String message, Throwable cause) {
        super(message, cause);
    }
}

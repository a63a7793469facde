package dev.framepipe.frame;

/** The declared media type is not a frame format FramePipe decodes (HTTP 415). */
public class UnsupportedFrameFormat extends RuntimeException {

    public UnsupportedFrameFormat(String message) {
        super(message);
    }

    public UnsupportedFrameFormat(String message, Throwable cause) {
        super(message, cause);
    }
}

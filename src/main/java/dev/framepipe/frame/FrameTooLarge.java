package dev.framepipe.frame;

/** The frame's body or its declared dimensions exceed the configured limits (HTTP 413). */
public class FrameTooLarge extends RuntimeException {

    public FrameTooLarge(String message) {
        super(message);
    }

    public FrameTooLarge(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The frame's dimensions exceed the limits, e.g. "frame is 100000x100000 pixels; the limit
     * is 8192x8192 and 16777216 pixels".
     */
    public static FrameTooLarge ofDimensions(long width, long height, FrameLimits limits) {
        return new FrameTooLarge("frame is " + width + "x" + height + " pixels; the limit is " + limits.maxWidth() + "x"
                + limits.maxHeight() + " and " + limits.maxPixels() + " pixels");
    }
}

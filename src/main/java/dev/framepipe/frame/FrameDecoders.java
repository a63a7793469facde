package dev.framepipe.frame;

/**
 * Creates {@link FrameDecoder}s without Spring, for tests and benchmarks in other packages.
 * In the application the decoder is the bean from {@link FrameConfiguration}.
 */
public final class FrameDecoders {

    private FrameDecoders() {
    }

    /**
     * The standard decoder: PNG, JPEG, BMP, GIF and TIFF through the JDK's ImageIO readers, binary
     * PGM (P5) and raw gray8; header dimensions are checked against {@code limits} before any
     * pixel buffer is allocated; colour becomes ITU-R BT.601 luminance. Thread-safe.
     *
     * @param limits the dimension limits to enforce; not {@code null}
     */
    public static FrameDecoder create(FrameLimits limits) {
        return new ImageIoFrameDecoder(limits);
    }

    /** {@link #create(FrameLimits)} with {@link FrameLimits#defaults()}. */
    public static FrameDecoder withDefaultLimits() {
        return create(FrameLimits.defaults());
    }
}

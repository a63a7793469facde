package dev.framepipe.frame;

/**
 * Creates {@link FrameDecoder}s without Spring, for tests and benchmarks in other packages.
 * In the application the decoder is the bean from {@link FrameConfiguration}.
 */
public final class FrameDecoders {

    private FrameDecoders() {}

    /**
     * The standard decoder: non-interlaced 8-bit gray, gray + alpha, RGB, RGBA and palette PNG
     * inflated straight into luminance; every other PNG, JPEG, BMP, GIF and TIFF through the JDK's
     * ImageIO readers; binary PGM (P5) and raw gray8. Header dimensions are checked against
     * {@code limits} before any pixel buffer is allocated; colour becomes ITU-R BT.601 luminance.
     * Thread-safe.
     *
     * @param limits the dimension limits to enforce; not {@code null}
     */
    public static FrameDecoder create(FrameLimits limits) {
        return new ImageIoFrameDecoder(limits, true);
    }

    /**
     * The reference decoder: like {@link #create(FrameLimits)} but every PNG goes through ImageIO.
     * The oracle the fast PNG path is tested against, and the "before" of its benchmark.
     */
    public static FrameDecoder imageIoOnly(FrameLimits limits) {
        return new ImageIoFrameDecoder(limits, false);
    }

    /** {@link #create(FrameLimits)} with {@link FrameLimits#defaults()}. */
    public static FrameDecoder withDefaultLimits() {
        return create(FrameLimits.defaults());
    }
}

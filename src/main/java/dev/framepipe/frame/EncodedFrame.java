package dev.framepipe.frame;

/**
 * An encoded frame as it arrived, before decoding.
 *
 * <p>The byte array is not copied (it is the request body) and is never modified by a decoder.
 * A raw gray8 frame's decoded {@link Frame} is this array itself, so the caller must not modify it
 * after decoding either.
 *
 * @param format the declared encoding
 * @param data   the encoded bytes
 * @param width  width in pixels for {@link FrameFormat#RAW_GRAY8}, otherwise 0 (read from the header)
 * @param height height in pixels for {@link FrameFormat#RAW_GRAY8}, otherwise 0 (read from the header)
 */
public record EncodedFrame(FrameFormat format, byte[] data, int width, int height) {

    public EncodedFrame {
        if (format == null || data == null) {
            throw new IllegalArgumentException("format and data are required");
        }
    }

    /** An encoded image whose dimensions are in its own header. */
    public static EncodedFrame of(FrameFormat format, byte[] data) {
        return new EncodedFrame(format, data, 0, 0);
    }

    /** Raw 8-bit grayscale of the given dimensions. */
    public static EncodedFrame rawGray8(byte[] data, int width, int height) {
        return new EncodedFrame(FrameFormat.RAW_GRAY8, data, width, height);
    }
}

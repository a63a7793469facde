package dev.framepipe.frame;

/**
 * Turns an encoded frame into 8-bit luminance.
 *
 * <p>Implementations read the width and height from the header and check them against the
 * configured {@link FrameLimits} before allocating any pixel buffer. They are thread-safe.
 */
public interface FrameDecoder {

    /**
     * Decodes a frame; colour is converted to luminance (ITU-R BT.601 weights).
     *
     * @param encoded the encoded bytes and declared format; not modified
     * @return the decoded frame, never {@code null}
     * @throws FrameTooLarge          when the declared dimensions exceed the limits
     * @throws UndecodableFrame        when the bytes are truncated, corrupt or do not match the format
     * @throws InvalidFrameGeometry    when raw dimensions are missing, non-positive or do not match the length
     */
    Frame decode(EncodedFrame encoded);

    /**
     * Reads what decoding the frame will allocate, from its header only, so that the memory can be
     * reserved before {@link #decode} allocates it. An unreadable header gives
     * {@link FrameHeader#known()} false and {@link #decode} reports the error.
     *
     * @throws FrameTooLarge when a decoder with limits reads dimensions beyond them
     *
     * @param encoded the encoded bytes and declared format; not modified
     */
    default FrameHeader header(EncodedFrame encoded) {
        return FrameHeaders.read(encoded);
    }
}

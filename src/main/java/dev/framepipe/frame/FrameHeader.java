package dev.framepipe.frame;

/**
 * What a frame's header says about the memory its decoding takes, read before any pixel is
 * decoded: its dimensions and the bytes per pixel of the image the decoder builds on the way to
 * luminance.
 *
 * <p>{@link #decodeWorkingSet()} is the one place that knows, per format, what the decoder
 * allocates; a decoder that changes its intermediate image (or drops it) changes only that method.
 *
 * @param format                 the declared encoding
 * @param width                  width in pixels, 0 when the header could not be read
 * @param height                 height in pixels, 0 when the header could not be read
 * @param intermediateBytesPerPixel bytes per pixel of the decoder's intermediate image
 *                               ({@code BufferedImage} raster), 0 when it builds none
 * @param encodedBytes           length of the encoded frame
 */
public record FrameHeader(FrameFormat format, int width, int height, int intermediateBytesPerPixel, long encodedBytes) {

    /** Whether the dimensions were read from the header (or given, for raw gray8). */
    public boolean known() {
        return width > 0 && height > 0;
    }

    /** Width x height, 0 when unknown. */
    public long pixels() {
        return known() ? (long) width * height : 0;
    }

    /**
     * Bytes the decoder allocates for this frame beyond the encoded body, in the worst case:
     * ImageIO formats build a {@code BufferedImage} ({@code intermediateBytesPerPixel} per pixel),
     * then the luminance array (1 byte per pixel), which the {@link Frame} adopts. Binary PGM reads
     * its samples straight into the luminance (at most one pixel per body byte); a raw gray8 frame
     * is its body, already reserved, so it needs nothing more. A header that could not be read
     * gives 0: the decoder then refuses the frame itself before allocating pixels.
     */
    public long decodeWorkingSet() {
        return switch (format) {
            case RAW_GRAY8 -> 0;
            case PGM -> encodedBytes;
            default -> pixels() * (intermediateBytesPerPixel + 1L);
        };
    }
}

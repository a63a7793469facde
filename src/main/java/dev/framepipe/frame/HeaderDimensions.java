package dev.framepipe.frame;

import java.util.Optional;

/**
 * Reads the declared dimensions straight from BMP and JPEG headers.
 *
 * <p>The JDK's readers for these formats refuse some huge headers themselves (BMP beyond
 * 2^31 pixels, JPEG beyond 65500 pixels a side) with an ordinary I/O error; reading the
 * dimensions first lets the decoder report those as {@link FrameTooLarge} like every other
 * format. Returns nothing when the header cannot be read, leaving the verdict to the reader.
 * Stateless and thread-safe.
 */
final class HeaderDimensions {

    private HeaderDimensions() {}

    /**
     * Dimensions as a header declares them, unchecked: a corrupt header may declare zero or, in BMP's
     * 32-bit fields, a negative width.
     *
     * @param width  declared width in pixels
     * @param height declared height in pixels (a BMP's top-down sign already dropped)
     */
    record Dimensions(long width, long height) {

        /** Whether both dimensions are at least one pixel, so the limits can judge them. */
        boolean positive() {
            return width > 0 && height > 0;
        }
    }

    /** The dimensions the header declares, or empty when the format has no such reading here or the header is unreadable. */
    static Optional<Dimensions> of(FrameFormat format, byte[] data) {
        return Optional.ofNullable(
                switch (format) {
                    case BMP -> bmp(data);
                    case JPEG -> jpeg(data);
                    default -> null;
                });
    }

    /** BITMAPCOREHEADER (16-bit fields) or BITMAPINFOHEADER and later (signed 32-bit; negative height is top-down). */
    private static Dimensions bmp(byte[] data) {
        if (data.length < 18) {
            return null;
        }
        long headerSize = Bytes.littleEndian32(data, 14) & 0xFFFFFFFFL;
        if (headerSize == 12 && data.length >= 22) {
            return new Dimensions(Bytes.littleEndian16(data, 18), Bytes.littleEndian16(data, 20));
        }
        if (headerSize >= 40 && data.length >= 26) {
            return new Dimensions(Bytes.littleEndian32(data, 18), Math.abs((long) Bytes.littleEndian32(data, 22)));
        }
        return null;
    }

    /** Walks the marker segments to the first start-of-frame (SOF0..SOF15 except DHT, JPG and DAC). */
    private static Dimensions jpeg(byte[] data) {
        int position = 2;
        while (position + 9 < data.length) {
            if ((data[position] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = data[position + 1] & 0xFF;
            if (marker == 0xFF) {
                position++;
                continue;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return new Dimensions(Bytes.bigEndian16(data, position + 7), Bytes.bigEndian16(data, position + 5));
            }
            if (marker == 0xDA || marker == 0xD9) {
                return null;
            }
            position += 2 + Bytes.bigEndian16(data, position + 2);
        }
        return null;
    }
}

package dev.framepipe.frame;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads a {@link FrameHeader} without decoding pixels: for the ImageIO formats the reader of the
 * format parses the header and reports the first image's dimensions and the pixel layout it will
 * decode into (the same calls {@link ImageIoFrameDecoder} makes before reading); raw gray8 takes
 * the request's dimensions. Never throws for bad input: a header that cannot be read gives an
 * unknown header, and the decoder refuses the frame with its own typed error. Thread-safe.
 */
final class FrameHeaders {

    /** Widest layout the decoder admits (16-bit RGBA). */
    private static final int MAX_BYTES_PER_PIXEL = 8;

    private FrameHeaders() {}

    static FrameHeader read(EncodedFrame encoded) {
        FrameFormat format = encoded.format();
        long length = encoded.data().length;
        return switch (format) {
            case RAW_GRAY8 ->
                new FrameHeader(format, Math.max(0, encoded.width()), Math.max(0, encoded.height()), 0, length);
            case PGM -> new FrameHeader(format, 0, 0, 0, length);
            default -> imageIo(format, encoded.data());
        };
    }

    private static FrameHeader imageIo(FrameFormat format, byte[] data) {
        FrameHeader unknown = new FrameHeader(format, 0, 0, 0, data.length);
        if (data.length == 0 || !Signatures.matches(format, data)) {
            return unknown;
        }
        Iterator<ImageReader> readers =
                ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
        if (!readers.hasNext()) {
            return unknown;
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new ByteArrayImageInputStream(data)) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            return new FrameHeader(format, width, height, bytesPerPixel(reader), data.length);
        } catch (IOException | RuntimeException e) {
            return unknown;
        } finally {
            reader.dispose();
        }
    }

    /** Bytes per pixel of the image the reader will decode into; the widest admitted layout if it does not say. */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return MAX_BYTES_PER_PIXEL;
        }
        long bits = 0;
        for (int band = 0; band < type.getNumBands(); band++) {
            bits += type.getBitsPerBand(band);
        }
        // Packed layouts (1-bit, 4-bit) still get at least one byte per pixel: readers expand some of them.
        return (int) Math.min(MAX_BYTES_PER_PIXEL, Math.max(1, (bits + 7) / 8));
    }
}

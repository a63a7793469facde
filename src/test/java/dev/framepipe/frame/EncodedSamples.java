package dev.framepipe.frame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Encodes frames into every {@link FrameFormat}, for decoder, HTTP and benchmark tests.
 *
 * <p>Gray frames are written as 8-bit gray (PNG, JPEG, BMP, TIFF), as an 8-bit image with a
 * 256-entry gray palette (GIF), as P5 with maxval 255 (PGM) and as the bytes themselves
 * (raw), so every format except JPEG decodes back to exactly the same luminance.
 */
public final class EncodedSamples {

    private EncodedSamples() {}

    /** The frame encoded in the format; for {@link FrameFormat#RAW_GRAY8} the luminance bytes. */
    public static byte[] encode(Frame frame, FrameFormat format) {
        return switch (format) {
            case PGM -> pgm(frame);
            case RAW_GRAY8 -> frame.gray();
            case GIF -> write(grayPalette(frame), "gif");
            default -> write(gray(frame), format.name().toLowerCase(Locale.ROOT));
        };
    }

    /** The frame encoded in the format, with width and height for raw gray8. */
    public static EncodedFrame encoded(Frame frame, FrameFormat format) {
        byte[] data = encode(frame, format);
        return format == FrameFormat.RAW_GRAY8
                ? EncodedFrame.rawGray8(data, frame.width(), frame.height())
                : EncodedFrame.of(format, data);
    }

    /** The frame as a 24-bit colour image with R = G = B (PNG, JPEG, BMP, TIFF). */
    public static byte[] encodeAsRgb(Frame frame, FrameFormat format) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int v = frame.luminance(x, y);
                image.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return write(image, format.name().toLowerCase(Locale.ROOT));
    }

    /** Writes the image with the JDK's ImageIO writer for the format name ("png", "tiff", ...). */
    public static byte[] write(BufferedImage image, String formatName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, formatName, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + formatName + " and " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Binary PGM (P5), maxval 255, with a header comment. */
    public static byte[] pgm(Frame frame) {
        byte[] header = ("P5\n# FramePipe test frame\n" + frame.width() + " " + frame.height() + "\n255\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + frame.pixelCount()];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(frame.gray(), 0, out, header.length, frame.pixelCount());
        return out;
    }

    /**
     * A seeded test frame: a horizontal gradient with bright and dark discs at random places,
     * so that it has every kind of edge and uses most gray levels.
     */
    public static Frame blobs(int width, int height, long seed) {
        Random random = new Random(seed);
        byte[] gray = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                gray[y * width + x] = (byte) (x * 255 / Math.max(1, width - 1));
            }
        }
        int discs = 3 + random.nextInt(6);
        for (int d = 0; d < discs; d++) {
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            int r = 2 + random.nextInt(Math.max(1, Math.min(width, height) / 4));
            int level = random.nextInt(256);
            for (int y = Math.max(0, cy - r); y < Math.min(height, cy + r + 1); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(width, cx + r + 1); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        gray[y * width + x] = (byte) level;
                    }
                }
            }
        }
        return new Frame(width, height, gray);
    }

    private static BufferedImage gray(Frame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(frame.gray(), 0, pixels, 0, pixels.length);
        return image;
    }

    private static BufferedImage grayPalette(Frame frame) {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        IndexColorModel palette = new IndexColorModel(8, 256, ramp, ramp, ramp);
        BufferedImage image =
                new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_INDEXED, palette);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(frame.gray(), 0, pixels, 0, pixels.length);
        return image;
    }
}

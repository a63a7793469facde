package dev.framepipe.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Small files whose headers declare huge images: decoding any of them without checking the
 * dimensions first would allocate gigabytes. For decoder, HTTP and benchmark tests.
 *
 * <p>{@link #of(FrameFormat)} declares 100000x100000 pixels, except for GIF and JPEG, whose
 * header fields are 16 bits wide (65535x65535). The files are well formed
 * up to the header; the pixel data is missing or belongs to a much smaller image.
 */
public final class DecompressionBombs {

    /** The width and height {@link #of(FrameFormat)} declares where the format allows it. */
    public static final int HUGE = 100_000;

    /** The largest width and height a GIF or JPEG header can declare. */
    public static final int HUGE_16_BIT = 65_535;

    private DecompressionBombs() {}

    /** A bomb in the format (PNG, JPEG, BMP, GIF, TIFF or PGM) declaring {@link #size(FrameFormat)} squared. */
    public static byte[] of(FrameFormat format) {
        return of(format, size(format), size(format));
    }

    /** The width and height {@link #of(FrameFormat)} declares: {@link #HUGE} where the format allows it. */
    public static int size(FrameFormat format) {
        return format == FrameFormat.GIF || format == FrameFormat.JPEG ? HUGE_16_BIT : HUGE;
    }

    /** A header in the format declaring {@code width x height} pixels. */
    public static byte[] of(FrameFormat format, int width, int height) {
        return switch (format) {
            case PNG -> png(width, height);
            case JPEG -> jpeg(width, height);
            case BMP -> bmp(width, height);
            case GIF -> gif(width, height);
            case TIFF -> tiff(width, height);
            case PGM -> pgm(width, height);
            case RAW_GRAY8 -> throw new IllegalArgumentException("raw gray8 has no header");
        };
    }

    /** PNG signature, IHDR (8-bit gray) with a correct CRC, a tiny IDAT and IEND. */
    public static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        pngChunk(out, "IHDR", ihdr.array());
        // zlib stream of a single stored block holding one zero byte
        pngChunk(out, "IDAT", new byte[] {
            0x78, 0x01, 0x01, 0x01, 0x00, (byte) 0xFE, (byte) 0xFF, 0x00, 0x00, 0x01, 0x00, 0x01
        });
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** GIF89a: logical screen and first image descriptor of {@code width x height} (each at most 65535). */
    public static byte[] gif(int width, int height) {
        checkSixteenBits(width, height);
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) width).putShort((short) height);
        b.put((byte) 0x80).put((byte) 0).put((byte) 0); // global colour table of 2 entries
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        b.put((byte) 0x2C)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) width)
                .putShort((short) height);
        b.put((byte) 0);
        b.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0); // LZW min code 2, one block
        b.put((byte) 0x3B);
        return slice(b);
    }

    /**
     * BMP with a BITMAPINFOHEADER: 8 bits per pixel with a 2-entry palette, uncompressed, one
     * row of pixel data. (The JDK's reader itself refuses a 24-bit header whose pixels would not
     * fit in the declared file size, but not an 8-bit one.)
     */
    public static byte[] bmp(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(66).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(66).putInt(0).putInt(62);
        b.putInt(40)
                .putInt(width)
                .putInt(height)
                .putShort((short) 1)
                .putShort((short) 8)
                .putInt(0)
                .putInt(0)
                .putInt(2835)
                .putInt(2835)
                .putInt(2)
                .putInt(0);
        b.putInt(0).putInt(0x00FFFFFF);
        b.putInt(0);
        return b.array();
    }

    /** Little-endian TIFF, one IFD: 8-bit gray, uncompressed, one strip of 4 bytes. */
    public static byte[] tiff(int width, int height) {
        return tiff(width, height, 1);
    }

    /**
     * Little-endian TIFF of modest dimensions but {@code samplesPerPixel} 8-bit samples per pixel:
     * at 4096x4096 and 64 samples its raster would take 1 GiB.
     */
    public static byte[] tiff(int width, int height, int samplesPerPixel) {
        int entries = 9;
        int ifdLength = 2 + entries * 12 + 4;
        int stripOffset = 8 + ifdLength;
        ByteBuffer b = ByteBuffer.allocate(stripOffset + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        tiffEntry(b, 256, 4, width); // ImageWidth, LONG
        tiffEntry(b, 257, 4, height); // ImageLength, LONG
        tiffEntry(b, 258, 3, 8); // BitsPerSample, SHORT
        tiffEntry(b, 259, 3, 1); // Compression: none
        tiffEntry(b, 262, 3, samplesPerPixel < 3 ? 1 : 2); // PhotometricInterpretation: BlackIsZero or RGB
        tiffEntry(b, 273, 4, stripOffset); // StripOffsets
        tiffEntry(b, 277, 3, samplesPerPixel); // SamplesPerPixel
        tiffEntry(b, 278, 4, height); // RowsPerStrip
        tiffEntry(b, 279, 4, 4); // StripByteCounts
        b.putInt(0);
        b.putInt(0);
        return b.array();
    }

    /** A real 8x8 baseline JPEG whose SOF0 frame header is patched to {@code width x height} (each at most 65535). */
    public static byte[] jpeg(int width, int height) {
        checkSixteenBits(width, height);
        byte[] data = EncodedSamples.encode(EncodedSamples.blobs(8, 8, 1), FrameFormat.JPEG);
        int position = 2;
        while (position + 4 < data.length) {
            int marker = data[position + 1] & 0xFF;
            int length = (data[position + 2] & 0xFF) << 8 | data[position + 3] & 0xFF;
            if (marker == 0xC0) {
                data[position + 5] = (byte) (height >> 8);
                data[position + 6] = (byte) height;
                data[position + 7] = (byte) (width >> 8);
                data[position + 8] = (byte) width;
                return data;
            }
            position += 2 + length;
        }
        throw new IllegalStateException("the JPEG writer produced no SOF0 marker");
    }

    /** Binary PGM header declaring {@code width x height}, followed by a few pixels. */
    public static byte[] pgm(int width, int height) {
        return ("P5\n" + width + " " + height + "\n255\n\0\0\0\0").getBytes(StandardCharsets.US_ASCII);
    }

    private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void tiffEntry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    private static void checkSixteenBits(int width, int height) {
        if (width > 0xFFFF || height > 0xFFFF) {
            throw new IllegalArgumentException("GIF and JPEG dimensions are 16 bits: " + width + "x" + height);
        }
    }

    private static byte[] slice(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }
}

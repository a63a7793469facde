package dev.framepipe.frame;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the PNG layouts cameras and tools produce straight into 8-bit luminance: the IDAT data
 * is inflated by {@link Inflater} (the JDK's native zlib) a strip of rows at a time, each row's filter
 * is reversed in place (PNG specification, 2nd edition, section 9: None, Sub, Up, Average, Paeth)
 * and the row is converted to luminance at once, with no {@code BufferedImage} and no second pass.
 *
 * <p>Handled: non-interlaced 8-bit gray + alpha, RGB and RGBA, and gray and palette images of 1, 2,
 * 4 or 8 bits. Colour becomes ITU-R BT.601 luminance exactly as {@link Luminance} computes it for the
 * image the JDK's reader would produce (alpha ignored, a palette extended the way that reader
 * extends a short one), so the result is byte for byte the ImageIO path's.
 *
 * <p>{@link #decode(byte[])} returns {@code null} for anything else, and for anything doubtful,
 * leaving the verdict to the ImageIO path: other bit depths, interlacing, a {@code tRNS} chunk on
 * a gray or RGB image, a palette image with chunks besides {@code PLTE}, {@code tRNS}, {@code IDAT}
 * and {@code IEND}, a bad CRC, no {@code IEND}, IDAT chunks that are not consecutive, a zlib stream
 * that is corrupt or ends early, an unknown row filter, dimensions over the limits. So every error
 * a client sees comes from one place, and this class throws nothing for bad input. It never
 * allocates a pixel buffer before the dimensions are within the {@link FrameLimits}, and never
 * inflates more than the frame's own size: data past the last row is not inflated at all.
 *
 * <p>Stateless and thread-safe; each call has its own {@link Inflater}.
 */
final class InflatingPngDecoder {

    private static final int SIGNATURE_LENGTH = 8;
    /** Inflated bytes per strip of rows: few native calls, and a buffer that stays in the L2 cache. */
    private static final int STRIP_BYTES = 64 * 1024;

    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int TRNS = 0x74524E53;

    private static final int GRAY = 0;
    private static final int RGB = 2;
    private static final int PALETTE = 3;
    private static final int GRAY_ALPHA = 4;
    private static final int RGBA = 6;

    private final FrameLimits limits;

    InflatingPngDecoder(FrameLimits limits) {
        this.limits = limits;
    }

    /**
     * The frame, or {@code null} when this decoder does not handle the file (see the class comment).
     *
     * @param data a whole PNG file, signature included; not modified
     */
    Frame decode(byte[] data) {
        if (data.length < SIGNATURE_LENGTH + 25
                || Bytes.bigEndian32(data, SIGNATURE_LENGTH) != 13
                || Bytes.bigEndian32(data, SIGNATURE_LENGTH + 4) != IHDR) {
            return null;
        }
        int header = SIGNATURE_LENGTH + 8;
        int width = Bytes.bigEndian32(data, header);
        int height = Bytes.bigEndian32(data, header + 4);
        int bitDepth = data[header + 8] & 0xFF;
        int colorType = data[header + 9] & 0xFF;
        boolean standard = data[header + 10] == 0 && data[header + 11] == 0 && data[header + 12] == 0;
        if (width < 1 || height < 1 || !standard || !limits.admits(width, height)) {
            return null;
        }
        int channels = switch (colorType) {
            case GRAY -> 1;
            case GRAY_ALPHA -> 2;
            case RGB -> 3;
            case RGBA -> 4;
            case PALETTE -> 1;
            default -> 0;
        };
        boolean supportedDepth = colorType == PALETTE || colorType == GRAY
                ? bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8
                : bitDepth == 8;
        if (channels == 0 || !supportedDepth) {
            return null;
        }
        Chunks chunks = Chunks.walk(data, colorType);
        if (chunks == null) {
            return null;
        }
        byte[] palette = null;
        if (colorType == GRAY && bitDepth < 8) {
            palette = grayRamp(bitDepth);
        } else if (colorType == PALETTE) {
            palette = paletteLuminance(data, chunks.paletteStart, chunks.paletteLength, bitDepth);
            if (palette == null) {
                return null;
            }
        }
        long rowBytes = ((long) width * channels * bitDepth + 7) / 8;
        if (rowBytes + 1 > Integer.MAX_VALUE - 8) {
            return null;
        }
        int bytesPerPixel = Math.max(1, channels * bitDepth / 8);
        return inflate(data, chunks, width, height, (int) rowBytes, bytesPerPixel, colorType, bitDepth, palette);
    }

    private static Frame inflate(
            byte[] data,
            Chunks chunks,
            int width,
            int height,
            int rowBytes,
            int bytesPerPixel,
            int colorType,
            int bitDepth,
            byte[] palette) {
        int stride = rowBytes + 1;
        int rowsPerStrip = Math.max(1, Math.min(height, STRIP_BYTES / stride));
        // slot 0: the previous strip's last row (zeros before the first row); slots 1..rowsPerStrip: this strip
        byte[] strip = new byte[Math.multiplyExact(rowsPerStrip + 1, stride)];
        byte[] out = new byte[Math.multiplyExact(width, height)];
        IdatStream idat = new IdatStream(data, chunks.firstIdat, chunks.idatEnd);
        try {
            for (int y = 0; y < height; y += rowsPerStrip) {
                WorkCheckpoint.check();
                int rows = Math.min(rowsPerStrip, height - y);
                if (!idat.fill(strip, stride, rows * stride)) {
                    return null;
                }
                for (int r = 1; r <= rows; r++) {
                    int row = r * stride;
                    if (!unfilter(strip, row, row - stride, rowBytes, bytesPerPixel)) {
                        return null;
                    }
                    toLuminance(strip, row + 1, out, (y + r - 1) * width, width, colorType, bitDepth, palette);
                }
                System.arraycopy(strip, rows * stride, strip, 0, stride);
            }
            if (!idat.endsCleanly()) {
                return null;
            }
        } catch (DataFormatException corrupt) {
            return null;
        } finally {
            idat.end();
        }
        return Frame.adopt(width, height, out);
    }

    /**
     * Reverses a row's filter in place: {@code b[row]} is the filter type, its samples follow, and the
     * previous row (unfiltered; zeros before the first row) starts at {@code b[previous]}.
     */
    private static boolean unfilter(byte[] b, int row, int previous, int rowBytes, int bpp) {
        int first = row + 1;
        int end = first + rowBytes;
        int up = previous - row;
        switch (b[row]) {
            case 0 -> {}
            case 1 -> {
                for (int i = first + bpp; i < end; i++) {
                    b[i] += b[i - bpp];
                }
            }
            case 2 -> {
                for (int i = first; i < end; i++) {
                    b[i] += b[i + up];
                }
            }
            case 3 -> {
                for (int i = first; i < first + bpp && i < end; i++) {
                    b[i] += (byte) ((b[i + up] & 0xFF) >>> 1);
                }
                for (int i = first + bpp; i < end; i++) {
                    b[i] += (byte) (((b[i - bpp] & 0xFF) + (b[i + up] & 0xFF)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = first; i < first + bpp && i < end; i++) {
                    b[i] += b[i + up];
                }
                for (int i = first + bpp; i < end; i++) {
                    int a = b[i - bpp] & 0xFF;
                    int above = b[i + up] & 0xFF;
                    int c = b[i + up - bpp] & 0xFF;
                    int pa = Math.abs(above - c);
                    int pb = Math.abs(a - c);
                    int pc = Math.abs(a + above - 2 * c);
                    b[i] += (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? above : c);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Converts one unfiltered row, whose samples start at {@code b[in]}, to luminance at {@code out[o]}. */
    private static void toLuminance(
            byte[] b, int in, byte[] out, int o, int width, int colorType, int bitDepth, byte[] palette) {
        switch (colorType) {
            case GRAY -> {
                if (bitDepth == 8) {
                    System.arraycopy(b, in, out, o, width);
                } else {
                    indexed(b, in, out, o, width, bitDepth, palette);
                }
            }
            case GRAY_ALPHA -> {
                for (int x = 0, i = in; x < width; x++, i += 2) {
                    out[o + x] = b[i];
                }
            }
            case RGB -> {
                for (int x = 0, i = in; x < width; x++, i += 3) {
                    out[o + x] = (byte) Luminance.bt601(b[i] & 0xFF, b[i + 1] & 0xFF, b[i + 2] & 0xFF);
                }
            }
            case RGBA -> {
                for (int x = 0, i = in; x < width; x++, i += 4) {
                    out[o + x] = (byte) Luminance.bt601(b[i] & 0xFF, b[i + 1] & 0xFF, b[i + 2] & 0xFF);
                }
            }
            default -> indexed(b, in, out, o, width, bitDepth, palette);
        }
    }

    private static void indexed(byte[] b, int in, byte[] out, int o, int width, int bitDepth, byte[] palette) {
        if (bitDepth == 8) {
            for (int x = 0; x < width; x++) {
                out[o + x] = palette[b[in + x] & 0xFF];
            }
            return;
        }
        int perByte = 8 / bitDepth;
        int mask = (1 << bitDepth) - 1;
        for (int x = 0; x < width; x++) {
            int packed = b[in + x / perByte] & 0xFF;
            int shift = 8 - bitDepth * (x % perByte + 1);
            out[o + x] = palette[packed >>> shift & mask];
        }
    }

    /**
     * The luminance of each of the {@code 2^bitDepth} indices, as the JDK's PNG reader builds its
     * colour model: the PLTE entries, then zeros up to the next of 2, 4, 16 or 256 entries, then that
     * array's last entry repeated up to {@code 2^bitDepth}. {@code null} for a palette that reader
     * would warn about (no entries, a partial entry, more entries than the bit depth allows).
     */
    private static byte[] paletteLuminance(byte[] data, int start, int length, int bitDepth) {
        int entries = length / 3;
        int size = 1 << bitDepth;
        if (entries < 1 || length % 3 != 0 || entries > size) {
            return null;
        }
        int rounded = entries > 16 ? 256 : entries > 4 ? 16 : entries > 2 ? 4 : 2;
        byte[] lut = new byte[Math.max(size, rounded)];
        for (int i = 0; i < entries; i++) {
            int p = start + 3 * i;
            lut[i] = (byte) Luminance.bt601(data[p] & 0xFF, data[p + 1] & 0xFF, data[p + 2] & 0xFF);
        }
        for (int i = rounded; i < size; i++) {
            lut[i] = lut[rounded - 1];
        }
        return lut;
    }

    /**
     * The gray level of each sample value of a 1, 2 or 4-bit gray image: {@code v * 255 / (2^bitDepth - 1)},
     * the ramp of the JDK's {@code ImageTypeSpecifier.createGrayscale}, which its PNG reader uses.
     */
    private static byte[] grayRamp(int bitDepth) {
        int max = (1 << bitDepth) - 1;
        byte[] lut = new byte[max + 1];
        for (int v = 0; v <= max; v++) {
            lut[v] = (byte) (v * 255 / max);
        }
        return lut;
    }

    /**
     * The zlib stream of the consecutive IDAT chunks, inflated straight from the file's array (no copy).
     * One decode, one thread.
     */
    private static final class IdatStream {

        private final Inflater inflater = new Inflater();
        private final byte[] data;
        private final int end;
        private int chunk;

        IdatStream(byte[] data, int firstIdat, int idatEnd) {
            this.data = data;
            this.chunk = firstIdat;
            this.end = idatEnd;
        }

        /** Inflates exactly {@code length} bytes into {@code b[offset..]}; false when the stream ends or runs dry first. */
        boolean fill(byte[] b, int offset, int length) throws DataFormatException {
            int filled = 0;
            while (filled < length) {
                int n = inflater.inflate(b, offset + filled, length - filled);
                filled += n;
                if (n == 0 && filled < length && !nextChunk()) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether the stream ends right after the last row, its Adler-32 checksum correct. The JDK's reader
         * reads ahead past the last row and so checks the checksum too; any other ending (more data, a
         * stream cut short in its trailer) is left to it. At most one byte past the frame is inflated.
         */
        boolean endsCleanly() throws DataFormatException {
            byte[] probe = new byte[1];
            while (!inflater.finished()) {
                if (inflater.inflate(probe) > 0) {
                    return false;
                }
                if (!inflater.finished() && !nextChunk()) {
                    return false;
                }
            }
            return true;
        }

        /** Feeds the next IDAT chunk; false when the inflater wants no input (finished, dictionary) or none is left. */
        private boolean nextChunk() {
            if (inflater.finished() || !inflater.needsInput() || chunk >= end) {
                return false;
            }
            int length = Bytes.bigEndian32(data, chunk);
            inflater.setInput(data, chunk + 8, length);
            chunk += 12 + length;
            return true;
        }

        void end() {
            inflater.end();
        }
    }

    /**
     * Where the chunks this decoder reads are, after every chunk's CRC-32 up to {@code IEND} has been
     * checked (what {@link PngChunks#verify(byte[])} checks for the ImageIO path).
     */
    private record Chunks(int firstIdat, int idatEnd, int paletteStart, int paletteLength) {

        /** {@code null} when a CRC is wrong, IEND is missing, or the chunk layout is one this decoder leaves to ImageIO. */
        static Chunks walk(byte[] data, int colorType) {
            CRC32 crc = new CRC32();
            int position = SIGNATURE_LENGTH;
            int firstIdat = -1;
            int idatEnd = -1;
            int paletteStart = -1;
            int paletteLength = 0;
            boolean transparency = false;
            while (position + 12 <= data.length) {
                long length = Bytes.bigEndian32(data, position) & 0xFFFFFFFFL;
                int type = Bytes.bigEndian32(data, position + 4);
                long end = position + 12 + length;
                if (end > data.length) {
                    return null;
                }
                crc.reset();
                crc.update(data, position + 4, (int) length + 4);
                if ((int) crc.getValue() != Bytes.bigEndian32(data, (int) end - 4)) {
                    return null;
                }
                if (type == IEND) {
                    return firstIdat < 0 || colorType == PALETTE && paletteStart < 0
                            ? null
                            : new Chunks(firstIdat, idatEnd, paletteStart, paletteLength);
                }
                if (type == IDAT) {
                    if (firstIdat < 0) {
                        firstIdat = position;
                    } else if (idatEnd != position) {
                        return null;
                    }
                    idatEnd = (int) end;
                } else if (position == SIGNATURE_LENGTH && type == IHDR) {
                    // read by the caller
                } else if (colorType == PALETTE) {
                    if (type == PLTE && paletteStart < 0 && firstIdat < 0 && !transparency) {
                        paletteStart = position + 8;
                        paletteLength = (int) length;
                    } else if (type == TRNS
                            && paletteStart >= 0
                            && firstIdat < 0
                            && !transparency
                            && length <= paletteLength / 3) {
                        transparency = true;
                    } else {
                        return null;
                    }
                } else if (type == TRNS || type == IHDR) {
                    return null;
                }
                position = (int) end;
            }
            return null;
        }
    }
}

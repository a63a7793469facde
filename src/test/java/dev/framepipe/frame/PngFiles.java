package dev.framepipe.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes PNG files byte by byte, with the row filter of every row chosen by the caller, so that
 * tests reach every filter type, bit depth, palette size and IDAT split that a PNG encoder may
 * produce (the JDK's writer picks its filters itself and writes one layout per image type).
 *
 * @param width      pixels per row
 * @param height     rows
 * @param colorType  0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA
 * @param bitDepth   bits per sample
 */
record PngFiles(int width, int height, int colorType, int bitDepth) {

    /** Samples per pixel of the colour type. */
    int channels() {
        return switch (colorType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
    }

    /** Bytes per row of unfiltered samples. */
    int rowBytes() {
        return (width * channels() * bitDepth + 7) / 8;
    }

    /** Seeded random samples, with runs and gradients so every filter has something to predict. */
    byte[][] randomRows(long seed, int maxSample) {
        Random random = new Random(seed);
        int samplesPerRow = width * channels();
        byte[][] rows = new byte[height][rowBytes()];
        for (int y = 0; y < height; y++) {
            int[] samples = new int[samplesPerRow];
            int mode = random.nextInt(3);
            for (int s = 0; s < samplesPerRow; s++) {
                samples[s] = switch (mode) {
                    case 0 -> random.nextInt(maxSample + 1);
                    case 1 -> (s + y) % (maxSample + 1);
                    default -> s > 0 && random.nextInt(4) > 0 ? samples[s - 1] : random.nextInt(maxSample + 1);
                };
            }
            pack(samples, rows[y]);
        }
        return rows;
    }

    private void pack(int[] samples, byte[] row) {
        if (bitDepth == 8) {
            for (int s = 0; s < samples.length; s++) {
                row[s] = (byte) samples[s];
            }
            return;
        }
        if (bitDepth == 16) {
            for (int s = 0; s < samples.length; s++) {
                row[2 * s] = (byte) (samples[s] >> 8);
                row[2 * s + 1] = (byte) samples[s];
            }
            return;
        }
        int perByte = 8 / bitDepth;
        for (int s = 0; s < samples.length; s++) {
            row[s / perByte] |= (byte) (samples[s] << (8 - bitDepth * (s % perByte + 1)));
        }
    }

    /**
     * The PNG file of the rows: row {@code y} filtered with {@code filters[y % filters.length]},
     * deflated at {@code level}, the zlib stream split into IDAT chunks of at most {@code idatSize}
     * bytes, with {@code extraChunks} (complete chunks, CRC included) between IHDR and the first IDAT.
     */
    byte[] encode(byte[][] rows, int[] filters, int level, int idatSize, byte[]... extraChunks) {
        int bpp = Math.max(1, channels() * bitDepth / 8);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] previous = new byte[rowBytes()];
        for (int y = 0; y < height; y++) {
            int filter = filters[y % filters.length];
            raw.write(filter);
            raw.writeBytes(filter(rows[y], previous, filter, bpp));
            previous = rows[y];
        }
        Deflater deflater = new Deflater(level);
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            zlib.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        byte[] compressed = zlib.toByteArray();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) bitDepth)
                        .put((byte) colorType)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array()));
        for (byte[] extra : extraChunks) {
            out.writeBytes(extra);
        }
        for (int start = 0; start < compressed.length; start += idatSize) {
            int end = Math.min(compressed.length, start + idatSize);
            byte[] part = new byte[end - start];
            System.arraycopy(compressed, start, part, 0, part.length);
            out.writeBytes(chunk("IDAT", part));
        }
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** A complete chunk: length, type, data and CRC-32. */
    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** A PLTE chunk of {@code entries} seeded random colours. */
    static byte[] palette(int entries, long seed) {
        byte[] rgb = new byte[3 * entries];
        new Random(seed).nextBytes(rgb);
        return chunk("PLTE", rgb);
    }

    private static byte[] filter(byte[] row, byte[] previous, int filter, int bpp) {
        byte[] out = new byte[row.length];
        for (int i = 0; i < row.length; i++) {
            int x = row[i] & 0xFF;
            int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
            int b = previous[i] & 0xFF;
            int c = i >= bpp ? previous[i - bpp] & 0xFF : 0;
            int predictor = switch (filter) {
                case 0 -> 0;
                case 1 -> a;
                case 2 -> b;
                case 3 -> (a + b) / 2;
                case 4 -> paeth(a, b, c);
                default -> throw new IllegalArgumentException("filter " + filter);
            };
            out[i] = (byte) (x - predictor);
        }
        return out;
    }

    /** The Paeth predictor as the PNG specification writes it (section 9.4). */
    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }
}

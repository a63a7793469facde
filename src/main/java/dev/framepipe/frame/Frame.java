package dev.framepipe.frame;

import java.util.Arrays;

/**
 * One decoded frame: 8-bit luminance, row-major, {@code width * height} bytes.
 *
 * <p>Immutable and therefore safe to share between threads: the public constructor copies the
 * given array and {@link #gray()} returns a copy. The decoders of this package hand over the
 * array they have just filled instead ({@link #adopt}): a 4096x4096 frame is a 16 MiB array, and
 * copying it once more per frame doubled the decoders' largest allocation (measured in
 * RELIABILITY.md, "Eleventh session"). Hot loops read pixels through {@link #luminance(int)},
 * which the JIT inlines to a plain array access.
 *
 * <p>A class, not a record: a record's canonical constructor is public, and this one must not be
 * able to skip the copy for callers outside the package.
 */
public final class Frame {

    private final int width;
    private final int height;
    private final byte[] gray;

    /**
     * @param width  width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @param gray   luminance values (0 = black, 255 = white), {@code width * height} bytes; copied
     */
    public Frame(int width, int height, byte[] gray) {
        this(checked(width, height, gray).clone(), width, height);
    }

    /** Over {@code gray} itself; the caller has checked it. */
    private Frame(byte[] gray, int width, int height) {
        this.width = width;
        this.height = height;
        this.gray = gray;
    }

    /**
     * A frame over {@code gray} itself, not a copy: for a decoder that filled the array and keeps no
     * reference to it, or for a raw frame's body, which no one modifies after decoding
     * ({@link EncodedFrame}'s contract).
     */
    static Frame adopt(int width, int height, byte[] gray) {
        return new Frame(checked(width, height, gray), width, height);
    }

    private static byte[] checked(int width, int height, byte[] gray) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame dimensions must be positive: " + width + "x" + height);
        }
        if (gray == null || gray.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "expected " + (long) width * height + " luminance bytes for " + width + "x" + height);
        }
        return gray;
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** Returns a copy of the luminance bytes. */
    public byte[] gray() {
        return gray.clone();
    }

    /** Luminance (0..255) of the pixel at row-major index {@code y * width + x}. */
    public int luminance(int index) {
        return gray[index] & 0xFF;
    }

    /** Luminance (0..255) of the pixel at column {@code x}, row {@code y}. */
    public int luminance(int x, int y) {
        return gray[y * width + x] & 0xFF;
    }

    /**
     * Copies the luminance bytes of row {@code y} into {@code destination[0 .. width)}: for scans that read a
     * row several pixels at a time from a buffer of their own.
     *
     * @param y           row, {@code 0 <= y < height}
     * @param destination at least {@code width} bytes
     */
    public void copyRow(int y, byte[] destination) {
        System.arraycopy(gray, y * width, destination, 0, width);
    }

    /** Number of pixels, {@code width * height}. */
    public int pixelCount() {
        return gray.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.width == width && f.height == height && Arrays.equals(f.gray, gray);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(gray);
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + "]";
    }
}

package dev.framepipe.frame;

/**
 * One decoded frame: 8-bit luminance, row-major, {@code width * height} bytes.
 *
 * <p>Immutable and therefore safe to share between threads: the constructor copies the
 * given array and {@link #gray()} returns a copy. Hot loops read pixels through
 * {@link #luminance(int)}, which the JIT inlines to a plain array access.
 *
 * @param width  width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param gray   luminance values (0 = black, 255 = white), {@code width * height} bytes
 */
public record Frame(int width, int height, byte[] gray) {

    public Frame {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame dimensions must be positive: " + width + "x" + height);
        }
        if (gray == null || gray.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "expected " + (long) width * height + " luminance bytes for " + width + "x" + height);
        }
        gray = gray.clone();
    }

    /** Returns a copy of the luminance bytes. */
    @Override
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
        return other instanceof Frame f
                && f.width == width
                && f.height == height
                && java.util.Arrays.equals(f.gray, gray);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + java.util.Arrays.hashCode(gray);
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + "]";
    }
}

package dev.framepipe.frame;

/**
 * Reads unsigned 16-bit and signed 32-bit integers from a byte array in either byte order: the
 * one place the frame formats' headers and samples are assembled from bytes. The caller checks
 * the bounds ({@link ArrayIndexOutOfBoundsException} otherwise). Stateless and thread-safe.
 */
final class Bytes {

    private Bytes() {}

    /** The 32 bits at {@code position}, most significant byte first (PNG, network order). */
    static int bigEndian32(byte[] data, int position) {
        return (data[position] & 0xFF) << 24
                | (data[position + 1] & 0xFF) << 16
                | (data[position + 2] & 0xFF) << 8
                | data[position + 3] & 0xFF;
    }

    /** The unsigned 16 bits at {@code position}, most significant byte first (JPEG, 16-bit PGM). */
    static int bigEndian16(byte[] data, int position) {
        return (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
    }

    /** The 32 bits at {@code position}, least significant byte first (BMP). */
    static int littleEndian32(byte[] data, int position) {
        return data[position] & 0xFF
                | (data[position + 1] & 0xFF) << 8
                | (data[position + 2] & 0xFF) << 16
                | (data[position + 3] & 0xFF) << 24;
    }

    /** The unsigned 16 bits at {@code position}, least significant byte first (BMP). */
    static int littleEndian16(byte[] data, int position) {
        return data[position] & 0xFF | (data[position + 1] & 0xFF) << 8;
    }
}

package dev.framepipe.frame;

/**
 * Decoder for binary PGM (Netpbm "P5"): 8-bit samples for maxval up to 255, 16-bit
 * big-endian samples for maxval 256..65535, scaled to 0..255 with rounding unless maxval is
 * 255. Header comments ({@code #} to the end of the line) are skipped. The header is parsed
 * and the dimensions checked against the limits before any pixel buffer is allocated; only
 * the first image of a multi-image file is read. Stateless and thread-safe.
 */
final class Pgm {

    private static final int MAX_DIGITS = 12;

    private final byte[] data;
    private int position;

    private Pgm(byte[] data) {
        this.data = data;
    }

    static Frame decode(byte[] data, FrameLimits limits) {
        if (data.length == 0) {
            throw new UndecodableFrame("body is empty");
        }
        if (!Signatures.matches(FrameFormat.PGM, data)) {
            throw new UndecodableFrame(Signatures.mismatch(FrameFormat.PGM, data));
        }
        return new Pgm(data).read(limits);
    }

    private Frame read(FrameLimits limits) {
        position = 2;
        long width = number("width");
        long height = number("height");
        long maxval = number("maxval");
        if (width < 1 || height < 1) {
            throw new UndecodableFrame("PGM header declares " + width + "x" + height + " pixels");
        }
        if (!limits.admits(width, height)) {
            throw FrameTooLarge.ofDimensions(width, height, limits);
        }
        if (maxval < 1 || maxval > 65535) {
            throw new UndecodableFrame("PGM maxval must be 1..65535, got " + maxval);
        }
        endOfHeader();
        int pixels = (int) (width * height);
        int bytesPerSample = maxval < 256 ? 1 : 2;
        long expected = (long) pixels * bytesPerSample;
        if (data.length - position < expected) {
            throw new UndecodableFrame("PGM raster is truncated: expected " + expected + " bytes for " + width + "x"
                    + height + ", got " + (data.length - position));
        }
        byte[] gray = bytesPerSample == 1 ? eightBit(pixels, (int) maxval) : sixteenBit(pixels, (int) maxval);
        return Frame.adopt((int) width, (int) height, gray);
    }

    private byte[] eightBit(int pixels, int maxval) {
        byte[] gray = new byte[pixels];
        if (maxval == 255) {
            System.arraycopy(data, position, gray, 0, pixels);
            return gray;
        }
        int[] lut = new int[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = v <= maxval ? Luminance.to8(v, maxval) : -1;
        }
        for (int i = 0, in = position; i < pixels; i++, in++) {
            int value = lut[data[in] & 0xFF];
            if (value < 0) {
                throw new UndecodableFrame("PGM sample " + (data[in] & 0xFF) + " exceeds maxval " + maxval);
            }
            gray[i] = (byte) value;
        }
        return gray;
    }

    private byte[] sixteenBit(int pixels, int maxval) {
        byte[] gray = new byte[pixels];
        for (int i = 0, in = position; i < pixels; i++, in += 2) {
            int sample = Bytes.bigEndian16(data, in);
            if (sample > maxval) {
                throw new UndecodableFrame("PGM sample " + sample + " exceeds maxval " + maxval);
            }
            gray[i] = (byte) Luminance.to8(sample, maxval);
        }
        return gray;
    }

    /** Skips whitespace and comments, then reads a decimal number. */
    private long number(String field) {
        skipWhitespaceAndComments();
        long value = 0;
        int digits = 0;
        while (position < data.length && isDigit(data[position])) {
            if (++digits > MAX_DIGITS) {
                throw new UndecodableFrame("PGM " + field + " has too many digits");
            }
            value = value * 10 + (data[position++] - '0');
        }
        if (digits == 0) {
            throw new UndecodableFrame(
                    position >= data.length
                            ? "PGM header is truncated before the " + field
                            : "PGM header: expected the " + field + ", found byte 0x"
                                    + Integer.toHexString(data[position] & 0xFF));
        }
        return value;
    }

    /** The maxval is followed by exactly one whitespace byte (or a comment up to its newline). */
    private void endOfHeader() {
        if (position >= data.length) {
            throw new UndecodableFrame("PGM header is truncated after the maxval");
        }
        if (data[position] == '#') {
            skipComment();
            return;
        }
        if (!isWhitespace(data[position])) {
            throw new UndecodableFrame("PGM header: expected whitespace after the maxval");
        }
        position++;
    }

    private void skipWhitespaceAndComments() {
        while (position < data.length) {
            byte b = data[position];
            if (isWhitespace(b)) {
                position++;
            } else if (b == '#') {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        while (position < data.length && data[position] != '\n' && data[position] != '\r') {
            position++;
        }
        if (position < data.length) {
            position++;
        }
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f';
    }
}

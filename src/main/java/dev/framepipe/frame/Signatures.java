package dev.framepipe.frame;

import java.util.Optional;

/** The magic bytes each encoded format starts with. */
final class Signatures {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] BMP = {'B', 'M'};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    private static final byte[] PGM = {'P', '5'};

    private Signatures() {}

    /** Whether the data starts with the magic bytes of the format; raw gray8 has none and always matches. */
    static boolean matches(FrameFormat format, byte[] data) {
        return switch (format) {
            case PNG -> startsWith(data, PNG);
            case JPEG -> startsWith(data, JPEG);
            case BMP -> startsWith(data, BMP);
            case GIF -> startsWith(data, GIF87) || startsWith(data, GIF89);
            case TIFF -> startsWith(data, TIFF_LE) || startsWith(data, TIFF_BE);
            case PGM -> startsWith(data, PGM);
            case RAW_GRAY8 -> true;
        };
    }

    /** The format whose magic bytes the data starts with, if any. */
    static Optional<FrameFormat> sniff(byte[] data) {
        for (FrameFormat format : FrameFormat.values()) {
            if (format != FrameFormat.RAW_GRAY8 && matches(format, data)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** "body is not a PNG image (it looks like a JPEG image)". */
    static String mismatch(FrameFormat declared, byte[] data) {
        String message = "body is not " + describe(declared);
        return sniff(data)
                .map(actual -> message + " (it looks like " + describe(actual) + ")")
                .orElse(message);
    }

    static String describe(FrameFormat format) {
        return switch (format) {
            case PGM -> "a binary PGM (P5) image";
            case RAW_GRAY8 -> "raw 8-bit grayscale";
            default -> "a " + format.name() + " image";
        };
    }

    private static boolean startsWith(byte[] data, byte[] magic) {
        if (data.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (data[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}

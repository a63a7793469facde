package dev.framepipe.frame;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The encodings a frame may arrive in, each with its media type. */
public enum FrameFormat {
    PNG("image/png"),
    JPEG("image/jpeg"),
    BMP("image/bmp"),
    GIF("image/gif"),
    TIFF("image/tiff"),
    /** Binary PGM (P5): 8-bit samples, or 16-bit big-endian samples for maxval above 255. */
    PGM("image/x-portable-graymap"),
    /** Headerless 8-bit grayscale; width and height come with the request. */
    RAW_GRAY8("application/octet-stream");

    private final String mediaType;

    FrameFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The canonical media type, e.g. {@code image/png}. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format for a media type, ignoring parameters and case; also accepts the common
     * aliases {@code image/jpg}, {@code image/x-ms-bmp}, {@code image/x-bmp} and
     * {@code image/x-portable-anymap}.
     */
    public static Optional<FrameFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String type = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "image/jpg", "image/pjpeg" -> Optional.of(JPEG);
            case "image/x-ms-bmp", "image/x-bmp" -> Optional.of(BMP);
            case "image/x-portable-anymap", "image/x-pgm" -> Optional.of(PGM);
            default ->
                Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
        };
    }

    /**
     * The image format whose magic bytes the data starts with (PNG, JPEG, BMP, GIF, TIFF or binary
     * PGM), for uploads sent without a specific media type; raw gray8 has no magic bytes.
     *
     * @param data the encoded bytes; not modified
     */
    public static Optional<FrameFormat> sniff(byte[] data) {
        return Signatures.sniff(data);
    }
}

package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameFormatTests {

    @ParameterizedTest
    @EnumSource(FrameFormat.class)
    void findsEachFormatByItsCanonicalMediaType(FrameFormat format) {
        assertThat(FrameFormat.fromMediaType(format.mediaType())).contains(format);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "image/jpg | JPEG",
                "image/pjpeg | JPEG",
                "image/x-ms-bmp | BMP",
                "image/x-bmp | BMP",
                "image/x-portable-anymap | PGM",
                "image/x-pgm | PGM",
                "IMAGE/PNG | PNG",
                " image/png ; charset=binary | PNG",
                "application/octet-stream;width=640;height=480 | RAW_GRAY8",
                "image/TIFF; q=0.9 | TIFF"
            })
    void acceptsAliasesParametersAndAnyCase(String mediaType, FrameFormat expected) {
        assertThat(FrameFormat.fromMediaType(mediaType)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"image/webp", "text/plain", "image/", "png", ";image/png"})
    void findsNoFormatForOtherMediaTypes(String mediaType) {
        assertThat(FrameFormat.fromMediaType(mediaType)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
    void sniffsEveryImageFormatFromItsMagicBytes(FrameFormat format) {
        byte[] encoded = EncodedSamples.encode(EncodedSamples.blobs(32, 24, 5), format);
        assertThat(FrameFormat.sniff(encoded)).contains(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P6", "hello world", "BN"})
    void sniffsNothingInBytesWithoutAKnownSignature(String text) {
        assertThat(FrameFormat.sniff(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEmpty();
    }
}

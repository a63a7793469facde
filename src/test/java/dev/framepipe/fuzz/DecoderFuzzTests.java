package dev.framepipe.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.frame.FrameLimits;
import dev.framepipe.frame.FrameTooLarge;
import dev.framepipe.frame.InvalidFrameGeometry;
import dev.framepipe.frame.UndecodableFrame;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.util.unit.DataSize;

/**
 * Coverage-guided fuzzing of the decoder, one fuzz target per format so each has its own seed
 * corpus ({@code src/test/resources/dev/framepipe/fuzz/DecoderFuzzTestsInputs/<method>/}).
 *
 * <p>The claim: whatever the bytes, the decoder either returns a frame within the limits whose
 * luminance array matches its dimensions, or throws one of its three documented exceptions
 * ({@link FrameTooLarge}, {@link UndecodableFrame}, {@link InvalidFrameGeometry}), which the
 * HTTP layer maps to 413, 422 and 400. Anything else (a {@code RuntimeException} from inside
 * ImageIO, an {@code OutOfMemoryError}, a {@code StackOverflowError}) would be a 500 or worse
 * and is a finding. The limits are small (512x512) so that a bomb the decoder fails to refuse
 * shows up as a slow or memory-hungry input rather than passing unnoticed.
 *
 * <p>{@code ./mvnw verify} replays the seed corpus (regression mode). To fuzz, see RELIABILITY.md:
 * {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=DecoderFuzzTests#fuzzPng}.
 */
class DecoderFuzzTests {

    @BeforeAll
    static void instrumentOnlyWhenFuzzing() {
        JazzerSetup.instrumentOnlyWhenFuzzing();
    }

    static final FrameLimits LIMITS = new FrameLimits(DataSize.ofMegabytes(1), 512, 512, 512L * 512);
    private static final FrameDecoder DECODER = FrameDecoders.create(LIMITS);
    private static final FrameDecoder IMAGE_IO = FrameDecoders.imageIoOnly(LIMITS);

    /**
     * PNG goes through the inflating path for the layouts it handles; the ImageIO path is its oracle:
     * the same frame, or the same exception with the same message.
     */
    @FuzzTest(maxDuration = "30s")
    void fuzzPng(byte[] data) {
        decode(FrameFormat.PNG, data);
        assertThat(outcome(DECODER, data)).isEqualTo(outcome(IMAGE_IO, data));
    }

    private static Object outcome(FrameDecoder decoder, byte[] data) {
        try {
            return decoder.decode(EncodedFrame.of(FrameFormat.PNG, data));
        } catch (FrameTooLarge | UndecodableFrame | InvalidFrameGeometry expected) {
            return expected.getClass().getSimpleName() + ": " + expected.getMessage();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzJpeg(byte[] data) {
        decode(FrameFormat.JPEG, data);
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzGif(byte[] data) {
        decode(FrameFormat.GIF, data);
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzBmp(byte[] data) {
        decode(FrameFormat.BMP, data);
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzTiff(byte[] data) {
        decode(FrameFormat.TIFF, data);
    }

    @FuzzTest(maxDuration = "30s")
    void fuzzPgm(byte[] data) {
        decode(FrameFormat.PGM, data);
    }

    /** Raw gray8: the first four bytes are the declared width and height (two bytes each), the rest the pixels. */
    @FuzzTest(maxDuration = "30s")
    void fuzzRawGray8(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int width = (short) ((data[0] & 0xFF) << 8 | data[1] & 0xFF);
        int height = (short) ((data[2] & 0xFF) << 8 | data[3] & 0xFF);
        byte[] pixels = java.util.Arrays.copyOfRange(data, 4, data.length);
        Frame frame = check(EncodedFrame.rawGray8(pixels, width, height));
        if (frame != null) {
            assertThat(frame.width()).isEqualTo(width);
            assertThat(frame.gray()).isEqualTo(pixels);
        }
    }

    private static void decode(FrameFormat format, byte[] data) {
        check(EncodedFrame.of(format, data));
    }

    /** @return the decoded frame, or {@code null} when the decoder refused the input with a documented exception */
    private static Frame check(EncodedFrame encoded) {
        Frame frame;
        try {
            frame = DECODER.decode(encoded);
        } catch (FrameTooLarge | UndecodableFrame | InvalidFrameGeometry expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return null;
        }
        assertThat(LIMITS.admits(frame.width(), frame.height())).isTrue();
        // Frame itself guarantees width * height pixels; what the decoder must add is that decoding depends on
        // the bytes alone: the same input decodes to the same pixels again (no state kept between calls).
        assertThat(DECODER.decode(encoded)).isEqualTo(frame);
        return frame;
    }
}

package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgmTests {

    private final FrameDecoder decoder = FrameDecoders.withDefaultLimits();

    @Test
    void skipsCommentsAndAnyWhitespaceBetweenHeaderFields() {
        byte[] data = pgm("P5 # made by hand\n#another\n 3\t# width\n2\r\n255 ", 1, 2, 3, 4, 5, 6);

        Frame frame = decode(data);

        assertThat(frame.width()).isEqualTo(3);
        assertThat(frame.height()).isEqualTo(2);
        assertThat(frame.gray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void readsOnlyTheFirstImageOfAMultiImageFile() {
        byte[] first = pgm("P5 2 1 255\n", 10, 20);
        byte[] second = pgm("P5 2 1 255\n", 30, 40);
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(decode(both).gray()).containsExactly(10, 20);
    }

    @Test
    void scalesSmallMaxvalToTheFullRange() {
        byte[] data = pgm("P5 4 1 15\n", 0, 1, 8, 15);

        assertThat(decode(data).gray()).containsExactly(bytes(0, 17, 136, 255));
    }

    @Test
    void scalesSixteenBitBigEndianSamplesWithRounding() {
        byte[] data = pgm("P5 4 1 65535\n", 0x00, 0x00, 0x01, 0x01, 0x80, 0x00, 0xFF, 0xFF);

        assertThat(decode(data).gray()).containsExactly(bytes(0, 1, 128, 255));
    }

    @Test
    void scalesSixteenBitSamplesAgainstTheirMaxval() {
        byte[] data = pgm("P5 3 1 1000\n", 0x00, 0x00, 0x01, 0xF4, 0x03, 0xE8);

        assertThat(decode(data).gray()).containsExactly(bytes(0, 128, 255));
    }

    @Test
    void refusesSamplesAboveMaxval() {
        assertThatThrownBy(() -> decode(pgm("P5 2 1 100\n", 50, 101)))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM sample 101 exceeds maxval 100");
    }

    @Test
    void refusesATruncatedRasterSayingHowManyBytesAreMissing() {
        assertThatThrownBy(() -> decode(pgm("P5 3 2 255\n", 1, 2, 3, 4, 5)))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM raster is truncated: expected 6 bytes for 3x2, got 5");
    }

    @Test
    void refusesMalformedHeaders() {
        assertThatThrownBy(() -> decode(pgm("P5 3")))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM header is truncated before the height");
        assertThatThrownBy(() -> decode(pgm("P5 3 x 255\n")))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessageStartingWith("PGM header: expected the height");
        assertThatThrownBy(() -> decode(pgm("P5 0 2 255\n")))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM header declares 0x2 pixels");
        assertThatThrownBy(() -> decode(pgm("P5 1 1 70000\n", 0, 0)))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM maxval must be 1..65535, got 70000");
        assertThatThrownBy(() -> decode(pgm("P5 1 1 255", 0)))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM header: expected whitespace after the maxval");
        assertThatThrownBy(() -> decode(pgm("P5 99999999999999999 1 255\n")))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("PGM width has too many digits");
    }

    @Test
    void refusesAsciiPgm() {
        assertThatThrownBy(() -> decode(pgm("P2 1 1 255\n0\n")))
                .isInstanceOf(UndecodableFrame.class)
                .hasMessage("body is not a binary PGM (P5) image");
    }

    @Test
    void checksTheLimitsBeforeLookingForTheRaster() {
        assertThatThrownBy(() -> decode(pgm("P5 9000 2 255\n")))
                .isInstanceOf(FrameTooLarge.class)
                .hasMessage("frame is 9000x2 pixels; the limit is 8192x8192 and 16777216 pixels");
    }

    private Frame decode(byte[] data) {
        return decoder.decode(EncodedFrame.of(FrameFormat.PGM, data));
    }

    private static byte[] pgm(String header, int... samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        for (int sample : samples) {
            out.write(sample);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}

package dev.framepipe.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuminanceTests {

    @Test
    void matchesTheRoundedBt601FormulaForEveryColourOnAGrid() {
        for (int r = 0; r < 256; r += 3) {
            for (int g = 0; g < 256; g += 5) {
                for (int b = 0; b < 256; b += 7) {
                    long expected = Math.round((299.0 * r + 587.0 * g + 114.0 * b) / 1000.0);
                    assertThat(Luminance.bt601(r, g, b))
                            .as("rgb %d %d %d", r, g, b)
                            .isEqualTo((int) expected);
                }
            }
        }
    }

    @Test
    void mapsEveryGrayLevelToItself() {
        for (int v = 0; v < 256; v++) {
            assertThat(Luminance.bt601(v, v, v)).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_INT_BGR,
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_USHORT_565_RGB,
                BufferedImage.TYPE_USHORT_555_RGB,
                BufferedImage.TYPE_INT_ARGB_PRE
            })
    void readsEachColourRasterLayoutLikeTheNaiveGetRgbReference(int type) {
        BufferedImage image = new BufferedImage(37, 23, type);
        Random random = new Random(type);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xFF000000 | random.nextInt(0x1000000));
            }
        }

        assertThat(Luminance.of(image)).isEqualTo(reference(image));
    }

    @Test
    void copiesGraySamplesWithoutTheGammaOfGetRgb() {
        BufferedImage image = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 256; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }

        byte[] gray = Luminance.of(image);

        for (int x = 0; x < 256; x++) {
            assertThat(gray[x] & 0xFF).isEqualTo(x);
        }
    }

    @Test
    void readsSubImagesWithTheirOwnOffset() {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                image.getRaster().setSample(x, y, 0, 10 * y + x);
            }
        }

        byte[] gray = Luminance.of(image.getSubimage(3, 4, 2, 2));

        assertThat(gray).containsExactly(43, 44, 53, 54);
    }

    @Test
    void mapsPaletteIndicesThroughTheirColours() {
        byte[] r = {0, (byte) 255, 0, 10};
        byte[] g = {0, 0, (byte) 255, (byte) 200};
        byte[] b = {0, 0, 0, 30};
        BufferedImage image =
                new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, r, g, b));
        for (int x = 0; x < 4; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }

        assertThat(Luminance.of(image)).containsExactly(0, 76, 150, 124);
    }

    @Test
    void scalesSixteenBitGrayWithRounding() {
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] samples = {0, 128, 129, 65535};
        for (int x = 0; x < 4; x++) {
            image.getRaster().setSample(x, 0, 0, samples[x]);
        }

        assertThat(Luminance.of(image)).containsExactly(0, 0, 1, (byte) 255);
    }

    private static byte[] reference(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                // exact in binary floating point, so halves round up as they should
                double luma = (299.0 * (p >> 16 & 0xFF) + 587.0 * (p >> 8 & 0xFF) + 114.0 * (p & 0xFF)) / 1000.0;
                out[y * image.getWidth() + x] = (byte) Math.round(luma);
            }
        }
        return out;
    }
}

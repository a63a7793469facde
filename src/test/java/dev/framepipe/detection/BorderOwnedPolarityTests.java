package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.Frame;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link BorderOwnedPolarity}: who owns the border is the background, whatever covers most of the frame. */
class BorderOwnedPolarityTests {

    /** A bright frame with a dark square covering {@code cover} of its side in the middle. */
    private static Frame square(int size, double cover, int background, int object) {
        byte[] gray = new byte[size * size];
        Arrays.fill(gray, (byte) background);
        int side = (int) (size * cover);
        int from = (size - side) / 2;
        for (int y = from; y < from + side; y++) {
            Arrays.fill(gray, y * size + from, y * size + from + side, (byte) object);
        }
        return new Frame(size, size, gray);
    }

    private static long above(Frame frame, int level) {
        long n = 0;
        for (int i = 0; i < frame.pixelCount(); i++) {
            n += frame.luminance(i) > level ? 1 : 0;
        }
        return n;
    }

    @Test
    void darkObjectsCoveringMostOfTheFrameAreStillTheObjects() {
        Frame frame = square(200, 0.9, 220, 40); // 81 % dark
        BorderOwnedPolarity.Decision decision =
                BorderOwnedPolarity.decide(frame, 128, above(frame, 128), Polarity.AUTO);
        assertThat(decision).isEqualTo(new BorderOwnedPolarity.Decision(Polarity.DARK, PolarityRule.BORDER));
    }

    @Test
    void brightObjectsOnADarkBorderAreBright() {
        Frame frame = square(200, 0.8, 30, 200);
        assertThat(BorderOwnedPolarity.decide(frame, 128, above(frame, 128), Polarity.AUTO))
                .isEqualTo(new BorderOwnedPolarity.Decision(Polarity.BRIGHT, PolarityRule.BORDER));
    }

    @Test
    void anAmbiguousBorderFallsBackToTheMinority() {
        // left half bright, right half dark: the border is split evenly; the minority (bright, 40 %) is the object
        int w = 100;
        int h = 80;
        byte[] gray = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                gray[y * w + x] = (byte) (x < 40 ? 220 : 30);
            }
        }
        Frame frame = new Frame(w, h, gray);
        assertThat(BorderOwnedPolarity.decide(frame, 128, above(frame, 128), Polarity.AUTO))
                .isEqualTo(new BorderOwnedPolarity.Decision(Polarity.BRIGHT, PolarityRule.MINORITY));
    }

    @Test
    void aConfiguredPolarityIsKept() {
        Frame frame = square(100, 0.9, 220, 40);
        assertThat(BorderOwnedPolarity.decide(frame, 128, above(frame, 128), Polarity.BRIGHT))
                .isEqualTo(new BorderOwnedPolarity.Decision(Polarity.BRIGHT, PolarityRule.CONFIGURED));
    }
}

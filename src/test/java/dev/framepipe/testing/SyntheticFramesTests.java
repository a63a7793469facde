package dev.framepipe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.framepipe.frame.Frame;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticFramesTests {

    private static SyntheticScene scene(long seed) {
        int[][] sizes = {{64, 64}, {320, 240}, {640, 480}, {200, 90}};
        int[] size = sizes[(int) (seed % sizes.length)];
        return SyntheticFrames.builder(size[0], size[1])
                .seed(seed)
                .objects(25)
                .sizeRange(10, 60)
                .build();
    }

    @Test
    void truthAreaEqualsPaintedPixelCount() {
        for (long seed = 0; seed < 40; seed++) {
            SyntheticScene scene = scene(seed);
            long painted = 0;
            for (int i = 0; i < scene.frame().pixelCount(); i++) {
                if (scene.frame().luminance(i) == 200) {
                    painted++;
                }
            }
            double truth = scene.truth().stream().mapToDouble(TruthObject::area).sum();
            assertThat(truth).isEqualTo(painted);
            assertThat(scene.truth()).isNotEmpty();
        }
    }

    @Test
    void objectsAreSeparatedInsideTheFrameAndMatchTheirTruth() {
        for (long seed = 0; seed < 40; seed++) {
            SyntheticScene scene = scene(seed);
            Frame frame = scene.frame();
            List<ReferenceLabeler.Component> components =
                    ReferenceLabeler.label(ReferenceLabeler.above(frame, 120), frame.width(), frame.height(), 8);
            assertThat(components).hasSameSizeAs(scene.truth());
            for (TruthObject t : scene.truth()) {
                ReferenceLabeler.Component c = components.stream()
                        .min(Comparator.comparingDouble(
                                k -> Math.hypot(k.centroidX() - t.cx(), k.centroidY() - t.cy())))
                        .orElseThrow();
                assertThat((double) c.area()).isEqualTo(t.area());
                assertThat(c.centroidX()).isCloseTo(t.cx(), within(1e-9));
                assertThat(c.centroidY()).isCloseTo(t.cy(), within(1e-9));
                assertThat(c.minX()).isGreaterThan(0);
                assertThat(c.minY()).isGreaterThan(0);
                assertThat(c.maxX()).isLessThan(frame.width() - 1);
                assertThat(c.maxY()).isLessThan(frame.height() - 1);
                assertThat(t.touchesBorder()).isFalse();
            }
        }
    }

    @Test
    void smallObjectsRasteriseAsSingleConnectedPieces() {
        for (long seed = 0; seed < 200; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(160, 120)
                    .seed(seed)
                    .objects(30)
                    .sizeRange(3, 14)
                    .build();
            Frame frame = scene.frame();
            List<ReferenceLabeler.Component> components =
                    ReferenceLabeler.label(ReferenceLabeler.above(frame, 120), frame.width(), frame.height(), 8);
            assertThat(components).as("seed %d", seed).hasSameSizeAs(scene.truth());
        }
    }

    @Test
    void sameSeedGivesSameSceneAndOtherSeedAnother() {
        SyntheticScene a =
                SyntheticFrames.builder(320, 240).seed(7).noise(8).gradient(20).build();
        SyntheticScene b =
                SyntheticFrames.builder(320, 240).seed(7).noise(8).gradient(20).build();
        SyntheticScene c =
                SyntheticFrames.builder(320, 240).seed(8).noise(8).gradient(20).build();
        assertThat(a).isEqualTo(b);
        assertThat(a.frame()).isNotEqualTo(c.frame());
    }

    @Test
    void feretOfPixelSquaresIsWithinAPixelAndAHalfOfTheContinuousShape() {
        for (long seed = 0; seed < 30; seed++) {
            for (TruthObject t : scene(seed).truth()) {
                assertThat(t.maxFeret()).isBetween(t.nominalMaxFeret() - 1, t.nominalMaxFeret() + 1.5);
            }
        }
    }

    @Test
    void discMomentAxesAreCloseToTheDiameter() {
        SyntheticScene scene = SyntheticFrames.builder(640, 480)
                .seed(3)
                .objects(30)
                .kinds(PaintedShape.DISC)
                .sizeRange(20, 60)
                .build();
        assertThat(scene.truth()).hasSizeGreaterThan(10);
        for (TruthObject t : scene.truth()) {
            assertThat(t.majorAxis()).isCloseTo(t.nominalMaxFeret(), within(0.03 * t.nominalMaxFeret()));
            assertThat(t.minorAxis()).isCloseTo(t.nominalMaxFeret(), within(0.03 * t.nominalMaxFeret()));
            assertThat(t.expectedClass()).isEqualTo("round");
            assertThat(t.orientationDegrees()).isNaN();
        }
    }

    @Test
    void rectangleMomentAxesFollowTheUniformDistribution() {
        SyntheticScene scene = SyntheticFrames.builder(640, 480)
                .seed(5)
                .objects(20)
                .kinds(PaintedShape.BAR)
                .sizeRange(40, 80)
                .build();
        for (TruthObject t : scene.truth()) {
            // major axis of an L x W rectangle is 2L/sqrt(3); the diagonal is sqrt(L^2 + W^2)
            assertThat(t.majorAxis())
                    .isBetween(
                            2 / Math.sqrt(3) * t.nominalMaxFeret() * 0.95,
                            2 / Math.sqrt(3) * t.nominalMaxFeret() * 1.03);
            assertThat(t.majorAxis() / t.minorAxis()).isGreaterThan(3);
            assertThat(t.orientationDegrees()).isGreaterThan(-90).isLessThanOrEqualTo(90);
            assertThat(t.expectedClass()).isEqualTo("elongated");
        }
    }

    @Test
    void darkObjectsArePaintedDarkerThanTheBackground() {
        SyntheticScene scene = SyntheticFrames.builder(200, 200)
                .seed(11)
                .objects(5)
                .darkObjects(true)
                .build();
        TruthObject t = scene.truth().get(0);
        int centre = scene.frame().luminance((int) Math.round(t.cx()), (int) Math.round(t.cy()));
        assertThat(scene.frame().luminance(0)).isEqualTo(215);
        assertThat(centre).isLessThan(215);
    }

    @Test
    void borderObjectsAreFlaggedWhenAllowed() {
        SyntheticScene scene = SyntheticFrames.builder(120, 100)
                .seed(2)
                .objects(30)
                .touchingBorder(true)
                .kinds(PaintedShape.DISC)
                .sizeRange(10, 30)
                .build();
        assertThat(scene.truth()).anyMatch(TruthObject::touchesBorder);
    }

    @Test
    void randomBinaryHasTheRequestedDensity() {
        Frame frame = SyntheticFrames.randomBinary(1, 200, 100, 0.3);
        long on = 0;
        for (int i = 0; i < frame.pixelCount(); i++) {
            on += frame.luminance(i) == 255 ? 1 : 0;
        }
        assertThat(on / 20000.0).isCloseTo(0.3, within(0.02));
    }
}

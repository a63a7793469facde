package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The default detector against the synthetic generator's ground truth. */
class DetectorAccuracyTests {

    private static final int[][] SMALL = {{64, 64}, {96, 80}, {128, 96}, {160, 120}, {200, 150}, {320, 240}};

    private final Detector detector = Detectors.create(DetectorProperties.defaults());

    /** 520 frames: mostly small, 14 at 640x480, 4 at 1280x720, 2 at 1920x1080. */
    private static int[] size(int i) {
        if (i < 2) {
            return new int[] {1920, 1080};
        }
        if (i < 6) {
            return new int[] {1280, 720};
        }
        if (i < 20) {
            return new int[] {640, 480};
        }
        return SMALL[i % SMALL.length];
    }

    private static SyntheticScene scene(int i, boolean noisy) {
        int[] size = size(i);
        SplittableRandom random = new SplittableRandom(i);
        int objects = Math.max(2, size[0] * size[1] / 6000);
        SyntheticFrames.Builder builder = SyntheticFrames.builder(size[0], size[1])
                .seed(i)
                .objects(Math.min(objects, 60))
                .sizeRange(6, Math.min(80, Math.min(size[0], size[1]) / 2))
                .darkObjects(random.nextBoolean());
        if (noisy) {
            builder.noise(8).gradient(20);
        }
        return builder.build();
    }

    @Test
    void countsAreasAndCentroidsMatchTheTruthOnCleanFrames() {
        int objects = 0;
        for (int i = 0; i < 520; i++) {
            SyntheticScene scene = scene(i, false);
            objects += assertMatches(scene, detector.detect(scene.frame()), i);
        }
        assertThat(objects).isGreaterThan(3000);
    }

    @Test
    void countsStayExactWithNoiseAndGradient() {
        for (int i = 0; i < 260; i++) {
            SyntheticScene scene = scene(i, true);
            assertMatches(scene, detector.detect(scene.frame()), i);
        }
    }

    private static int assertMatches(SyntheticScene scene, Detection detection, int i) {
        List<TruthObject> truth = scene.truth();
        List<DetectedObject> found = detection.objects();
        assertThat(found).as("frame %d", i).hasSameSizeAs(truth);
        boolean[] used = new boolean[found.size()];
        for (TruthObject t : truth) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int k = 0; k < found.size(); k++) {
                double d = Math.hypot(
                        found.get(k).centroid().x() - t.cx(),
                        found.get(k).centroid().y() - t.cy());
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            assertThat(used[best])
                    .as("frame %d: two truths matched one object", i)
                    .isFalse();
            used[best] = true;
            DetectedObject o = found.get(best);
            assertThat(bestDistance).as("frame %d centroid", i).isLessThan(0.5);
            if (t.equivalentDiameter() >= 10) {
                assertThat((double) o.area())
                        .as("frame %d area", i)
                        .isCloseTo(t.filledArea(), within(0.01 * t.filledArea()));
            }
            assertThat(o.touchesBorder()).isFalse();
        }
        return truth.size();
    }
}

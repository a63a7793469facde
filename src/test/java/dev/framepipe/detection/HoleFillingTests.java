package dev.framepipe.detection;

import static dev.framepipe.detection.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.Frame;
import dev.framepipe.testing.SyntheticFrames;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HoleFilling} on literal shapes and against a flood fill of the complement on random frames. */
class HoleFillingTests {

    private static Detector detector(int connectivity, boolean fill) {
        return Detectors.create(new DetectorProperties(
                ThresholdMethod.FIXED,
                127,
                151,
                Polarity.BRIGHT,
                connectivity,
                fill,
                Split.NONE,
                new DiameterRange(10, 200),
                1,
                0,
                false,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE));
    }

    @Test
    void countsAndFillsTheHoleOfAWasherWithASpeckInIt() {
        Frame washer = frame(".......", ".#####.", ".#...#.", ".#.#.#.", ".#...#.", ".#####.", ".......");
        DetectedObject filled = detector(8, true).detect(washer).objects().get(0);
        // the hole holds 8 background pixels and the speck, itself an object of its own
        assertThat(filled.holes()).isEqualTo(1);
        assertThat(filled.holeArea()).isEqualTo(9);
        assertThat(filled.area()).isEqualTo(25);
        assertThat(filled.runs().pixelCount()).isEqualTo(25);
        assertThat(filled.centroid().x()).isEqualTo(3.0);
        DetectedObject kept = detector(8, false).detect(washer).objects().get(0);
        assertThat(kept.holes()).isEqualTo(1);
        assertThat(kept.holeArea()).isEqualTo(9);
        assertThat(kept.area()).isEqualTo(16);
        assertThat(detector(8, true).detect(washer).objects()).hasSize(2);
    }

    @Test
    void aNotchOpenToTheOutsideIsNoHole() {
        Frame cup = frame(".......", ".#...#.", ".#...#.", ".#.#.#.", ".#####.", ".......");
        DetectedObject o = detector(8, true).detect(cup).objects().get(0);
        assertThat(o.holes()).isZero();
        assertThat(o.area()).isEqualTo(12);
    }

    @Test
    void aDiagonalGapIsAHoleOnlyForFourConnectedObjects() {
        // 8-connected object: the background pixel in the middle touches the outside only diagonally, so it is
        // enclosed (4-connected complement). 4-connected: the ring falls apart and nothing is enclosed.
        Frame diamond = frame(".....", "..#..", ".#.#.", "..#..", ".....");
        assertThat(detector(8, true).detect(diamond).objects().get(0).holeArea())
                .isEqualTo(1);
        assertThat(detector(4, true).detect(diamond).objects())
                .allSatisfy(o -> assertThat(o.holes()).isZero());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void agreesWithAFloodFillOfEachObjectsComplementOnRandomFrames(int connectivity) {
        for (int seed = 0; seed < 60; seed++) {
            int width = 24 + seed % 9;
            int height = 20 + seed % 7;
            agreesWithAFloodFill(
                    SyntheticFrames.randomBinary(seed, width, height, 0.55 + (seed % 5) * 0.05), connectivity, seed);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void agreesWithAFloodFillOnWideNoiseWithHundredsOfGapsInARow(int connectivity) {
        // One object riddled with gaps, as random noise gives: the rows' gaps are paired by a merge pass.
        for (int seed = 0; seed < 4; seed++) {
            agreesWithAFloodFill(SyntheticFrames.randomBinary(seed, 600, 40, 0.6 + seed * 0.05), connectivity, seed);
        }
    }

    private static void agreesWithAFloodFill(Frame frame, int connectivity, int seed) {
        int width = frame.width();
        int height = frame.height();
        List<DetectedObject> kept = detector(connectivity, false).detect(frame).objects();
        List<DetectedObject> filled = detector(connectivity, true).detect(frame).objects();
        int[] labels = labels(frame, connectivity);
        assertThat(kept).hasSameSizeAs(filled);
        for (int k = 0; k < kept.size(); k++) {
            long[] reference = holes(labels, width, height, k + 1, connectivity == 8 ? 4 : 8);
            DetectedObject o = kept.get(k);
            assertThat(o.holes()).as("seed %d object %d", seed, k + 1).isEqualTo((int) reference[0]);
            assertThat(o.holeArea()).as("seed %d object %d", seed, k + 1).isEqualTo(reference[1]);
            assertThat(filled.get(k).area()).isEqualTo(o.area() + reference[1]);
            assertThat(filled.get(k).runs().pixelCount())
                    .isEqualTo(filled.get(k).area());
        }
    }

    /** Naive labeling by flood fill; labels 1.. in raster order of first pixel, 0 for background. */
    private static int[] labels(Frame frame, int connectivity) {
        int w = frame.width();
        int h = frame.height();
        int[] labels = new int[w * h];
        int next = 0;
        int[] queue = new int[w * h];
        for (int i = 0; i < labels.length; i++) {
            if (frame.luminance(i) > 127 && labels[i] == 0) {
                next++;
                int head = 0;
                int tail = 0;
                labels[i] = next;
                queue[tail++] = i;
                while (head < tail) {
                    int p = queue[head++];
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if ((dx == 0 && dy == 0) || (connectivity == 4 && dx != 0 && dy != 0)) {
                                continue;
                            }
                            int x = p % w + dx;
                            int y = p / w + dy;
                            if (x >= 0
                                    && y >= 0
                                    && x < w
                                    && y < h
                                    && frame.luminance(y * w + x) > 127
                                    && labels[y * w + x] == 0) {
                                labels[y * w + x] = next;
                                queue[tail++] = y * w + x;
                            }
                        }
                    }
                }
            }
        }
        return labels;
    }

    /** {holes, hole pixels} of one object: its complement's components that do not reach outside the frame. */
    private static long[] holes(int[] labels, int w, int h, int object, int connectivity) {
        int pw = w + 2;
        int ph = h + 2;
        int[] state = new int[pw * ph]; // 0 complement, 1 object, 2 outside-reached, 3 counted hole
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (labels[y * w + x] == object) {
                    state[(y + 1) * pw + x + 1] = 1;
                }
            }
        }
        long count = 0;
        long area = 0;
        int[] queue = new int[pw * ph];
        for (int start = 0; start < state.length; start++) {
            if (state[start] != 0) {
                continue;
            }
            int mark = start == 0 ? 2 : 3;
            int head = 0;
            int tail = 0;
            state[start] = mark;
            queue[tail++] = start;
            while (head < tail) {
                int p = queue[head++];
                if (mark == 3) {
                    area++;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx == 0 && dy == 0) || (connectivity == 4 && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int x = p % pw + dx;
                        int y = p / pw + dy;
                        if (x >= 0 && y >= 0 && x < pw && y < ph && state[y * pw + x] == 0) {
                            state[y * pw + x] = mark;
                            queue[tail++] = y * pw + x;
                        }
                    }
                }
            }
            if (mark == 3) {
                count++;
            }
        }
        return new long[] {count, area};
    }
}

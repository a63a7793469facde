package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import dev.framepipe.frame.Frame;
import dev.framepipe.testing.ReferenceLabeler;
import dev.framepipe.testing.SyntheticFrames;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-checks the fused run-based labeler against a naive flood fill and against BoofCV. */
class RunLengthLabelingTests {

    private static final double[] DENSITIES = {0.05, 0.2, 0.4, 0.5, 0.6, 0.8, 0.97};

    private static int[] size(SplittableRandom random, int i) {
        return switch (i % 10) {
            case 0 -> new int[] {1, 1 + random.nextInt(80)};
            case 1 -> new int[] {1 + random.nextInt(80), 1};
            case 2 -> new int[] {2, 2 + random.nextInt(40)};
            default -> new int[] {1 + random.nextInt(120), 1 + random.nextInt(90)};
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void agreesObjectForObjectWithFloodFillOnRandomBinaryFrames(int connectivity) {
        Detector detector = Detectors.create(Fixtures.binary(connectivity));
        SplittableRandom random = new SplittableRandom(connectivity);
        int objects = 0;
        for (int i = 0; i < 300; i++) {
            int[] size = size(random, i);
            double density = DENSITIES[i % DENSITIES.length];
            Frame frame = SyntheticFrames.randomBinary(1000L * connectivity + i, size[0], size[1], density);
            List<ReferenceLabeler.Component> expected = uniform(frame)
                    ? List.of()
                    : ReferenceLabeler.label(
                            ReferenceLabeler.above(frame, 127), frame.width(), frame.height(), connectivity);
            List<DetectedObject> actual = detector.detect(frame).objects();

            assertThat(actual)
                    .as("frame %d (%dx%d, density %s)", i, size[0], size[1], density)
                    .hasSameSizeAs(expected);
            for (int k = 0; k < expected.size(); k++) {
                ReferenceLabeler.Component e = expected.get(k);
                DetectedObject a = actual.get(k);
                assertThat(a.id()).isEqualTo(k + 1);
                assertThat(a.area()).isEqualTo(e.area());
                assertThat(a.box())
                        .isEqualTo(new Box(e.minX(), e.minY(), e.maxX() - e.minX() + 1, e.maxY() - e.minY() + 1));
                assertThat(a.centroid().x()).isCloseTo(e.centroidX(), within(1e-9));
                assertThat(a.centroid().y()).isCloseTo(e.centroidY(), within(1e-9));
                assertThat(pixels(a.runs(), frame.width())).isEqualTo(e.pixels());
                assertMoments(a, e.pixels(), frame.width());
                assertThat(a.intensitySum()).isEqualTo(255L * e.area());
                boolean border = e.minX() == 0
                        || e.minY() == 0
                        || e.maxX() == frame.width() - 1
                        || e.maxY() == frame.height() - 1;
                assertThat(a.touchesBorder()).isEqualTo(border);
                objects++;
            }
        }
        assertThat(objects).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void agreesWithBoofCvChangLabeling(int connectivity) {
        Detector detector = Detectors.create(Fixtures.binary(connectivity));
        for (int i = 0; i < 60; i++) {
            Frame frame = SyntheticFrames.randomBinary(77 + i, 40 + i, 30 + 2 * i, DENSITIES[i % DENSITIES.length]);
            GrayU8 binary = new GrayU8(frame.width(), frame.height());
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < frame.width(); x++) {
                    binary.set(x, y, frame.luminance(x, y) > 127 ? 1 : 0);
                }
            }
            GrayS32 labels = new GrayS32(frame.width(), frame.height());
            int count = BinaryImageOps.contour(binary, connectivity == 8 ? ConnectRule.EIGHT : ConnectRule.FOUR, labels)
                    .size();
            long[] boofAreas = new long[count];
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < frame.width(); x++) {
                    int label = labels.get(x, y);
                    if (label > 0) {
                        boofAreas[label - 1]++;
                    }
                }
            }
            long[] ours = detector.detect(frame).objects().stream()
                    .mapToLong(DetectedObject::area)
                    .toArray();
            Arrays.sort(boofAreas);
            Arrays.sort(ours);
            assertThat(ours).as("frame %d", i).isEqualTo(boofAreas);
        }
    }

    /** A uniform frame has no objects by contract, even when it is all foreground. */
    private static boolean uniform(Frame frame) {
        for (int i = 1; i < frame.pixelCount(); i++) {
            if (frame.luminance(i) != frame.luminance(0)) {
                return false;
            }
        }
        return true;
    }

    private static int[] pixels(Runs runs, int width) {
        int[] pixels = new int[(int) runs.pixelCount()];
        int n = 0;
        for (int i = 0; i < runs.count(); i++) {
            for (int x = runs.x0(i); x < runs.x1(i); x++) {
                pixels[n++] = runs.y(i) * width + x;
            }
        }
        return pixels;
    }

    private static void assertMoments(DetectedObject a, int[] pixels, int width) {
        double cx = a.centroid().x();
        double cy = a.centroid().y();
        double m20 = 0;
        double m02 = 0;
        double m11 = 0;
        for (int p : pixels) {
            double dx = p % width - cx;
            double dy = p / width - cy;
            m20 += dx * dx;
            m02 += dy * dy;
            m11 += dx * dy;
        }
        assertThat(a.moments().mu20()).isCloseTo(m20 / pixels.length, within(1e-6));
        assertThat(a.moments().mu02()).isCloseTo(m02 / pixels.length, within(1e-6));
        assertThat(a.moments().mu11()).isCloseTo(m11 / pixels.length, within(1e-6));
    }
}

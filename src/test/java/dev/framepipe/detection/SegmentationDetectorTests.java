package dev.framepipe.detection;

import static dev.framepipe.detection.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.framepipe.frame.Frame;
import dev.framepipe.frame.WorkCheckpoint;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The segmentation detector's behaviour on small literal frames and generated scenes. What every detector
 * must do is in {@link dev.framepipe.testing.DetectorContract} ({@link SegmentationDetectorContractTests}).
 */
class SegmentationDetectorTests {

    private final Detector detector = Detectors.create(DetectorProperties.defaults());

    @Test
    void aThreadKeepsNoLargePerimeterMaskAfterMeasuringAnObjectThatSpansTheFrame() {
        int side = 2048;
        byte[] gray = new byte[side * side];
        for (int y = 100; y < side - 100; y++) {
            java.util.Arrays.fill(gray, y * side + 100, y * side + side - 100, (byte) 220);
        }
        SegmentationDetector segmentation = (SegmentationDetector) detector;

        Detection detection = segmentation.detect(new Frame(side, side, gray));

        assertThat(detection.objects()).hasSize(1);
        // its perimeter needed a mask of its bounding box and borders: 1850 x 1850 bytes
        assertThat(segmentation.retainedMaskBytes()).isLessThanOrEqualTo(SegmentationDetector.MAX_RETAINED_MASK_BYTES);
    }

    @Test
    void aWatchAbandonsDetectionBetweenRowsAndTheNextFrameOnTheThreadIsDetectedWhole() {
        int width = 400;
        byte[] gray = new byte[width * 300];
        for (int i = 0; i < 12; i++) {
            paintDisc(gray, width, 30 + (i % 6) * 60, 60 + (i / 6) * 150, 20);
        }
        Frame frame = new Frame(width, 300, gray);
        Detection whole = detector.detect(frame);
        AtomicInteger checks = new AtomicInteger();
        WorkCheckpoint.Abandoned abandoned = new WorkCheckpoint.Abandoned("test");

        try (WorkCheckpoint.Scope scope = WorkCheckpoint.watch(() -> {
            if (checks.incrementAndGet() > 100) {
                throw abandoned;
            }
        })) {
            assertThatThrownBy(() -> detector.detect(frame)).isSameAs(abandoned);
        }

        assertThat(checks).as("stopped at row 100 of 300").hasValue(101);
        assertThat(whole.objects()).hasSize(12);
        assertThat(detector.detect(frame).objects())
                .as("the thread's scratch is whole again")
                .extracting(DetectedObject::box)
                .containsExactlyElementsOf(
                        whole.objects().stream().map(DetectedObject::box).toList());
    }

    @Test
    void detectsTouchingDiscsAsOneObject() {
        int width = 100;
        byte[] gray = new byte[width * 60];
        paintDisc(gray, width, 30, 30, 15);
        paintDisc(gray, width, 59, 30, 15); // centres 29 apart, radii 15: the discs overlap
        Detection detection = detector.detect(new Frame(width, 60, gray));
        assertThat(detection.objects()).hasSize(1);
    }

    @Test
    void diagonalNeighboursAreOneObjectWithEightAndTwoWithFourConnectivity() {
        Frame frame = frame("......", ".##...", ".##...", "...##.", "...##.", "......");
        assertThat(Detectors.create(Fixtures.binary(8)).detect(frame).objects()).hasSize(1);
        assertThat(Detectors.create(Fixtures.binary(4)).detect(frame).objects()).hasSize(2);
    }

    @Test
    void dropsObjectsBelowMinimumAreaBeforeNumbering() {
        Frame frame = frame("#.....", "..###.", "..###.", "......", "##....");
        Detection detection = Detectors.create(
                        Fixtures.properties(ThresholdMethod.FIXED, 127, Polarity.BRIGHT, 8, 3, 100))
                .detect(frame);
        assertThat(detection.objects()).hasSize(1);
        DetectedObject object = detection.objects().get(0);
        assertThat(object.id()).isEqualTo(1);
        assertThat(object.area()).isEqualTo(6);
        assertThat(object.box()).isEqualTo(new Box(2, 1, 3, 2));
        assertThat(detection.truncated()).isFalse();
    }

    @Test
    void keepsTheFirstObjectsInRasterOrderAndFlagsTruncation() {
        Frame frame = frame("..#.......", "......#...", "#.........", "........#.");
        Detection detection = Detectors.create(
                        Fixtures.properties(ThresholdMethod.FIXED, 127, Polarity.BRIGHT, 8, 1, 2))
                .detect(frame);
        assertThat(detection.truncated()).isTrue();
        assertThat(detection.objects()).extracting(DetectedObject::id).containsExactly(1, 2);
        assertThat(detection.objects()).extracting(o -> o.box().x()).containsExactly(2, 6);

        Detection all = Detectors.create(Fixtures.properties(ThresholdMethod.FIXED, 127, Polarity.BRIGHT, 8, 1, 4))
                .detect(frame);
        assertThat(all.truncated()).isFalse();
        assertThat(all.objects()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(value = Polarity.class)
    void findsBrightAndDarkObjectsWithTheMatchingPolarity(Polarity polarity) {
        for (boolean darkObjects : new boolean[] {false, true}) {
            SyntheticScene scene = SyntheticFrames.builder(320, 240)
                    .seed(darkObjects ? 5 : 6)
                    .objects(15)
                    .darkObjects(darkObjects)
                    .noise(5)
                    .build();
            Detection detection = Detectors.create(Fixtures.properties(ThresholdMethod.OTSU, 0, polarity, 8, 4, 1000))
                    .detect(scene.frame());
            boolean matches = polarity == Polarity.AUTO || (polarity == Polarity.DARK) == darkObjects;
            if (matches) {
                assertThat(detection.polarity()).isEqualTo(darkObjects ? Polarity.DARK : Polarity.BRIGHT);
                assertThat(detection.objects()).hasSize(scene.truth().size());
                assertThat(detection.backgroundMean()).isCloseTo(darkObjects ? 215 : 40, within(1.0));
            } else {
                // the wrong polarity sees the background as one big object touching the border
                assertThat(detection.objects()).hasSizeLessThan(3);
                assertThat(detection.objects().get(0).touchesBorder()).isTrue();
            }
        }
    }

    @Test
    void fixedThresholdSeparatesAtTheConfiguredLevel() {
        byte[] gray = {10, 100, 101, (byte) 200, 100, 10};
        Frame frame = new Frame(6, 1, gray);
        Detection bright = Detectors.create(Fixtures.properties(ThresholdMethod.FIXED, 100, Polarity.BRIGHT, 8, 1, 10))
                .detect(frame);
        assertThat(bright.threshold()).isEqualTo(100);
        assertThat(bright.objects()).singleElement().satisfies(o -> {
            assertThat(o.box()).isEqualTo(new Box(2, 0, 2, 1));
            assertThat(o.intensitySum()).isEqualTo(301);
        });
        Detection dark = Detectors.create(Fixtures.properties(ThresholdMethod.FIXED, 100, Polarity.DARK, 8, 1, 10))
                .detect(frame);
        assertThat(dark.objects())
                .extracting(DetectedObject::box)
                .containsExactly(new Box(0, 0, 2, 1), new Box(4, 0, 2, 1));
        assertThat(dark.backgroundMean()).isCloseTo(150.5, within(1e-9));
    }

    @Test
    void otsuFindsTheLevelBetweenTwoPopulations() {
        SyntheticScene scene =
                SyntheticFrames.builder(200, 150).seed(9).objects(8).build();
        Detection detection = detector.detect(scene.frame());
        assertThat(detection.threshold()).isBetween(40, 199);
        assertThat(detection.polarity()).isEqualTo(Polarity.BRIGHT);
        assertThat(detection.frameWidth()).isEqualTo(200);
        assertThat(detection.frameHeight()).isEqualTo(150);
    }

    @Test
    void discPerimeterGivesCircularityNearOne() {
        assertDiscCircularity(10, 20, 0.07);
        assertDiscCircularity(20, 80, 0.04);
    }

    private void assertDiscCircularity(double minDiameter, double maxDiameter, double tolerance) {
        for (int seed = 0; seed < 5; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .objects(40)
                    .kinds(PaintedShape.DISC)
                    .sizeRange(minDiameter, maxDiameter)
                    .build();
            Detection detection = detector.detect(scene.frame());
            assertThat(detection.objects()).hasSize(scene.truth().size());
            for (DetectedObject o : detection.objects()) {
                double circularity = 4 * Math.PI * o.area() / (o.perimeter() * o.perimeter());
                assertThat(circularity).as("disc of area %d", o.area()).isCloseTo(1.0, within(tolerance));
            }
        }
    }

    @Test
    void perimeterOfSmallShapesFollowsTheChainCode() {
        Detector binary = Detectors.create(Fixtures.binary(8));
        // chain through the boundary pixel centres, plus pi for the half-pixel offset to the squares' edge
        // a 3x3 square: 8 axis moves, 4 corners
        DetectedObject square = binary.detect(frame(".....", ".###.", ".###.", ".###.", "....."))
                .objects()
                .get(0);
        assertThat(square.perimeter()).isCloseTo(0.980 * 8 - 0.091 * 4 + Math.PI, within(1e-9));
        // a diagonal line of 3 pixels: 4 diagonal moves, 2 corners
        DetectedObject line =
                binary.detect(frame("#...", ".#..", "..#.", "....")).objects().get(0);
        assertThat(line.perimeter()).isCloseTo(1.406 * 4 - 0.091 * 2 + Math.PI, within(1e-9));
        DetectedObject dot = binary.detect(frame("...", ".#.", "...")).objects().get(0);
        assertThat(dot.perimeter()).isEqualTo(Math.PI);
    }

    @Test
    void perimeterIgnoresHoles() {
        Detector binary = Detectors.create(Fixtures.binary(8));
        DetectedObject ring = binary.detect(frame(".....", ".###.", ".#.#.", ".###.", "....."))
                .objects()
                .get(0);
        DetectedObject full = binary.detect(frame(".....", ".###.", ".###.", ".###.", "....."))
                .objects()
                .get(0);
        assertThat(ring.perimeter()).isEqualTo(full.perimeter());
        assertThat(ring.area()).isEqualTo(8);
    }

    @Test
    void runsAreSortedByRowThenColumn() {
        SyntheticScene scene = SyntheticFrames.builder(320, 240)
                .seed(4)
                .objects(15)
                .kinds(PaintedShape.BLOB)
                .sizeRange(30, 60)
                .build();
        for (DetectedObject o : detector.detect(scene.frame()).objects()) {
            Runs runs = o.runs();
            assertThat(runs.pixelCount()).isEqualTo(o.area());
            for (int i = 1; i < runs.count(); i++) {
                boolean ordered =
                        runs.y(i) > runs.y(i - 1) || (runs.y(i) == runs.y(i - 1) && runs.x0(i) > runs.x1(i - 1));
                assertThat(ordered).isTrue();
            }
        }
    }

    private static void paintDisc(byte[] gray, int width, double cx, double cy, double r) {
        int height = gray.length / width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    gray[y * width + x] = (byte) 220;
                }
            }
        }
    }
}

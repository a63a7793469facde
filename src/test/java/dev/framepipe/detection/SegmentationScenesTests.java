package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.framepipe.frame.Frame;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scenes real cameras produce, from the generator with exact truth, each with the options a user would
 * pick for it: touching and overlapping objects, objects covering most of the frame, strong uneven light,
 * rings and sensor noise.
 */
class SegmentationScenesTests {

    private final Detector detector = Detectors.create(DetectorProperties.defaults());

    private Detection detect(SyntheticScene scene, String... options) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String option : options) {
            String[] kv = option.split("=", 2);
            map.put(kv[0], kv[1]);
        }
        return detector.detect(scene.frame(), DetectorOverrides.parse(map).applyTo(DetectorOptions.defaults()));
    }

    @Test
    void splitsTouchingAndOverlappingDiscsAndEllipsesToWithinTwoPercent() {
        int truth = 0;
        int split = 0;
        int whole = 0;
        for (int seed = 0; seed < 30; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .objects(24)
                    .kinds(PaintedShape.DISC, PaintedShape.ELLIPSE)
                    .ellipseRatio(1.2, 1.8)
                    .sizeRange(24, 48)
                    .touchingPairs(0.15)
                    .darkObjects(seed % 2 == 0)
                    .noise(4)
                    .build();
            truth += scene.truth().size();
            split += detect(scene, "split=touching", "object-diameter=20-60")
                    .objects()
                    .size();
            whole += detect(scene).objects().size();
        }
        assertThat(whole).as("without splitting, each pair is one object").isLessThanOrEqualTo(truth * 55 / 100);
        assertThat((double) split).isCloseTo(truth, within(0.02 * truth));
    }

    @Test
    void neverSplitsASingleElongatedObject() {
        for (int seed = 0; seed < 40; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .objects(30)
                    .kinds(PaintedShape.BAR, PaintedShape.ELLIPSE, PaintedShape.RECTANGLE)
                    .sizeRange(20, 90)
                    .noise(4)
                    .build();
            Detection detection = detect(scene, "split=touching", "object-diameter=10-100");
            assertThat(detection.objects()).as("seed %d", seed).hasSameSizeAs(scene.truth());
        }
    }

    @Test
    void splittingLeavesSeparatedScenesExact() {
        for (int seed = 0; seed < 20; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .objects(40)
                    .sizeRange(12, 60)
                    .kinds(
                            PaintedShape.DISC,
                            PaintedShape.ELLIPSE,
                            PaintedShape.RECTANGLE,
                            PaintedShape.BAR,
                            PaintedShape.RING)
                    .build();
            assertThat(detect(scene, "split=touching", "object-diameter=12-60").objects())
                    .as("seed %d", seed)
                    .hasSameSizeAs(scene.truth());
        }
    }

    @Test
    void findsDarkObjectsCoveringMoreThanHalfTheFrameByWhoOwnsTheBorder() {
        for (int seed = 0; seed < 10; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .grid(8, 6)
                    .kinds(PaintedShape.DISC)
                    .darkObjects(true)
                    .noise(6)
                    .build();
            double covered =
                    scene.truth().stream().mapToDouble(TruthObject::area).sum();
            assertThat(covered / scene.frame().pixelCount())
                    .as("the scene's own claim")
                    .isGreaterThan(0.5);
            Detection detection = detect(scene);
            assertThat(detection.polarity()).isEqualTo(Polarity.DARK);
            assertThat(detection.polarityRule()).isEqualTo(PolarityRule.BORDER);
            assertThat(detection.objects()).hasSameSizeAs(scene.truth());
            for (DetectedObject o : detection.objects()) {
                assertThat(o.holes()).isZero();
            }
        }
    }

    @Test
    void aLocalThresholdFindsWhatStrongUnevenLightHidesFromAGlobalOne() {
        int global = 0;
        int truth = 0;
        int found = 0;
        for (int seed = 0; seed < 10; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .objects(30)
                    .sizeRange(12, 40)
                    .kinds(PaintedShape.DISC, PaintedShape.RECTANGLE, PaintedShape.BLOB)
                    .levels(seed % 2 == 0 ? 70 : 130, seed % 2 == 0 ? 130 : 70)
                    .gradient(160)
                    .build();
            truth += scene.truth().size();
            global += countMatched(scene, detect(scene));
            Detection local = detect(
                    scene,
                    "threshold-method=local",
                    "local-window=61",
                    "polarity=" + (seed % 2 == 0 ? "bright" : "dark"),
                    "exclude-border=true",
                    "min-area=40");
            assertThat(local.thresholdMethod()).isEqualTo(ThresholdMethod.LOCAL);
            assertThat(countMatched(scene, local))
                    .as("seed %d", seed)
                    .isEqualTo(scene.truth().size());
            found += local.objects().size();
        }
        // every object found once; a dark scene can add a spurious patch where the ramp meets the window's edge
        assertThat(found - truth).as("extra objects").isBetween(0, truth * 2 / 100);
        assertThat(global).as("the global threshold loses objects").isLessThan(truth * 80 / 100);
    }

    /** Truth objects with exactly one detected object within 2 px of their centroid. */
    private static int countMatched(SyntheticScene scene, Detection detection) {
        int matched = 0;
        for (TruthObject t : scene.truth()) {
            long near = detection.objects().stream()
                    .filter(o ->
                            Math.hypot(o.centroid().x() - t.cx(), o.centroid().y() - t.cy()) < 2)
                    .count();
            matched += near == 1 ? 1 : 0;
        }
        return matched;
    }

    @Test
    void fillsRingsForMeasuringAndReportsTheirHoles() {
        for (int seed = 0; seed < 20; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(480, 360)
                    .seed(seed)
                    .objects(16)
                    .kinds(PaintedShape.RING, PaintedShape.DISC)
                    .sizeRange(16, 70)
                    .noise(seed % 2 == 0 ? 0 : 5)
                    .darkObjects(seed % 3 == 0)
                    .build();
            List<DetectedObject> filled = detect(scene).objects();
            List<DetectedObject> open = detect(scene, "fill-holes=false").objects();
            assertThat(filled).hasSameSizeAs(scene.truth());
            for (TruthObject t : scene.truth()) {
                DetectedObject f = nearest(filled, t);
                DetectedObject o = nearest(open, t);
                assertThat((double) f.area()).isCloseTo(t.filledArea(), within(0.01 * t.filledArea()));
                assertThat((double) o.area()).isCloseTo(t.area(), within(0.01 * t.area()));
                if (t.kind() == PaintedShape.RING) {
                    assertThat(f.holes()).as("seed %d", seed).isEqualTo(1);
                    assertThat((double) f.holeArea()).isCloseTo(t.holeArea(), within(0.02 * t.holeArea() + 1));
                    assertThat(o.holes()).isEqualTo(1);
                } else {
                    assertThat(f.holes()).isEqualTo(t.holes());
                }
            }
        }
    }

    @Test
    void backgroundEnclosedByARingOfTouchingDiscsIsNeverFilled() {
        // twelve discs of diameter 30 around a circle of radius 60, each touching its neighbours
        int size = 200;
        byte[] gray = new byte[size * size];
        Arrays.fill(gray, (byte) 30);
        int discs = 12;
        double ring = 60;
        double radius = 16.5;
        for (int k = 0; k < discs; k++) {
            double cx = 100 + ring * Math.cos(2 * Math.PI * k / discs);
            double cy = 100 + ring * Math.sin(2 * Math.PI * k / discs);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (Math.hypot(x - cx, y - cy) <= radius) {
                        gray[y * size + x] = (byte) 210;
                    }
                }
            }
        }
        Frame frame = new Frame(size, size, gray);
        Detection whole = detector.detect(frame);
        assertThat(whole.objects()).hasSize(1);
        // the centre, and a few single pixels pinched where neighbouring discs overlap
        assertThat(whole.objects().get(0).holes()).isPositive();
        assertThat(covers(whole.objects().get(0), 100, 100)).isTrue();
        Detection split = detector.detect(
                frame,
                DetectorOverrides.parse(Map.of("split", "touching", "object-diameter", "20-40"))
                        .applyTo(DetectorOptions.defaults()));
        assertThat(split.objects()).hasSize(discs);
        long discArea = 0;
        for (DetectedObject o : split.objects()) {
            // at most a pixel pinched between two discs, now enclosed by one piece
            assertThat(o.holeArea()).isLessThanOrEqualTo(2);
            assertThat(covers(o, 100, 100)).isFalse();
            discArea += o.area() - o.holeArea();
        }
        assertThat(discArea)
                .as("the enclosed background stays background")
                .isEqualTo(
                        whole.objects().get(0).area() - whole.objects().get(0).holeArea());
        assertThat(frame.luminance(100, 100)).isEqualTo(30);
    }

    @Test
    void keepsCountsExactUnderSensorNoise() {
        for (int seed = 0; seed < 20; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(640, 480)
                    .seed(seed)
                    .objects(30)
                    .sizeRange(12, 60)
                    .noise(12)
                    .darkObjects(seed % 2 == 1)
                    .build();
            assertThat(detect(scene, "min-area=20").objects())
                    .as("seed %d", seed)
                    .hasSameSizeAs(scene.truth());
        }
    }

    @Test
    void dropsObjectsOutsideTheAreaRangeAndOnTheBorderWhenAsked() {
        SyntheticScene scene = SyntheticFrames.builder(640, 480)
                .seed(3)
                .objects(40)
                .sizeRange(8, 70)
                .touchingBorder(true)
                .build();
        long inRange = scene.truth().stream()
                .filter(t -> t.filledArea() >= 200 && t.filledArea() <= 1500)
                .count();
        long inside = scene.truth().stream().filter(t -> !t.touchesBorder()).count();
        assertThat(inRange).isPositive().isLessThan(scene.truth().size());
        assertThat(inside).isPositive().isLessThan(scene.truth().size());
        assertThat(detect(scene, "min-area=200", "max-area=1500").objects())
                .hasSize((int) inRange)
                .allSatisfy(o -> assertThat(o.area()).isBetween(200L, 1500L));
        assertThat(detect(scene, "exclude-border=true").objects())
                .hasSize((int) inside)
                .allSatisfy(o -> assertThat(o.touchesBorder()).isFalse());
    }

    private static boolean covers(DetectedObject o, int x, int y) {
        Runs runs = o.runs();
        for (int i = 0; i < runs.count(); i++) {
            if (runs.y(i) == y && runs.x0(i) <= x && x < runs.x1(i)) {
                return true;
            }
        }
        return false;
    }

    private static DetectedObject nearest(List<DetectedObject> objects, TruthObject t) {
        return objects.stream()
                .min(java.util.Comparator.comparingDouble(
                        o -> Math.hypot(o.centroid().x() - t.cx(), o.centroid().y() - t.cy())))
                .orElseThrow();
    }
}

package dev.framepipe.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.framepipe.classification.Classification;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.detection.Box;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.detection.Polarity;
import dev.framepipe.detection.ThresholdMethod;
import dev.framepipe.frame.Frame;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of the detector, and of the two stages that consume its output, on
 * arbitrary small frames and arbitrary valid settings.
 *
 * <p>The claims, for every frame and setting: detection never throws; every object lies inside
 * the frame, has a positive area no larger than its box and at least {@code minArea}, a finite
 * centroid inside its box, a unique id and a perimeter of at least {@code pi} (one pixel's); the
 * objects' areas sum to at most the frame's pixels; at most {@code maxObjects} objects are reported,
 * and {@code truncated} is set when some were dropped for that reason. The size estimator and the classifier then return one finite
 * result per object without throwing.
 *
 * <p>Seed corpus: {@code src/test/resources/dev/framepipe/fuzz/DetectorFuzzTestsInputs/fuzzDetector/}.
 */
class DetectorFuzzTests {

    @BeforeAll
    static void instrumentOnlyWhenFuzzing() {
        JazzerSetup.instrumentOnlyWhenFuzzing();
    }

    private static final ThresholdMethod[] METHODS = ThresholdMethod.values();
    private static final Polarity[] POLARITIES = Polarity.values();

    @FuzzTest(maxDuration = "30s")
    void fuzzDetector(FuzzedDataProvider data) {
        int width = data.consumeInt(1, 64);
        int height = data.consumeInt(1, 64);
        DetectorProperties properties = new DetectorProperties(
                data.pickValue(METHODS),
                data.consumeInt(0, 255),
                data.pickValue(POLARITIES),
                data.consumeBoolean() ? 8 : 4,
                data.consumeInt(1, 16),
                data.consumeInt(1, 64));
        byte[] gray = new byte[width * height];
        byte[] pixels = data.consumeRemainingAsBytes();
        System.arraycopy(pixels, 0, gray, 0, Math.min(pixels.length, gray.length));
        Frame frame = new Frame(width, height, gray);

        Detection detection = Detectors.create(properties).detect(frame);

        assertThat(detection.frameWidth()).isEqualTo(width);
        assertThat(detection.frameHeight()).isEqualTo(height);
        assertThat(detection.threshold()).isBetween(0, 255);
        assertThat(detection.objects().size()).isLessThanOrEqualTo(properties.maxObjects());
        long totalArea = 0;
        Set<Integer> ids = new HashSet<>();
        for (DetectedObject object : detection.objects()) {
            Box box = object.box();
            assertThat(ids.add(object.id())).as("unique id %s", object.id()).isTrue();
            assertThat(box.x()).isBetween(0, width - 1);
            assertThat(box.y()).isBetween(0, height - 1);
            assertThat(box.width()).isBetween(1, width - box.x());
            assertThat(box.height()).isBetween(1, height - box.y());
            assertThat(object.area()).isBetween((long) properties.minArea(), box.area());
            assertThat(object.centroid().x()).isBetween((double) box.x(), (double) box.x() + box.width());
            assertThat(object.centroid().y()).isBetween((double) box.y(), (double) box.y() + box.height());
            assertThat(object.perimeter()).as("chain length + pi").isGreaterThanOrEqualTo(Math.PI);
            totalArea += object.area();
        }
        assertThat(totalArea).isLessThanOrEqualTo(frame.pixelCount());

        List<ObjectSize> sizes =
                SizeEstimators.create(SizingProperties.uncalibrated()).estimate(detection);
        assertThat(sizes).hasSameSizeAs(detection.objects());
        for (ObjectSize size : sizes) {
            assertThat(size.equivalentDiameter()).isNotNaN().isPositive();
        }
        List<Classification> classes = Classifiers.create(ClassifierProperties.rules())
                .classify(frame, detection)
                .objects();
        assertThat(classes).hasSameSizeAs(detection.objects());
        for (Classification c : classes) {
            assertThat(c.confidence()).isBetween(0.0, 1.0);
        }
    }
}

package dev.framepipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End-to-end accuracy of detector, size estimator and classifier against the synthetic
 * generator's ground truth: 520 seeded frames from 64x64 to 1920x1080 (most small), separated
 * objects of every kind, Gaussian noise sigma 8, alternating polarity, some with a background
 * ramp. The figures are computed once and each claim is asserted by its own test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisGroundTruthTests {

    private static final int SMALL_FRAMES = 480;
    private static final int MEDIUM_FRAMES = 36;
    private static final int LARGE_FRAMES = 4;

    private Figures figures;

    /** What the run measured; worst errors are relative, orientation in degrees. */
    record Figures(
            int frames,
            int objects,
            int countMismatches,
            int unmatched,
            double worstAreaError,
            double worstDiameterError,
            double worstFeretError,
            double worstOrientationError,
            int orientationSamples,
            int classified,
            int correct,
            int roundTrips) {

        double classAccuracy() {
            return (double) correct / classified;
        }
    }

    @BeforeAll
    void analyseSyntheticFrames() {
        Detector detector = Detectors.create(DetectorProperties.defaults());
        SizeEstimator estimator = SizeEstimators.create(SizingProperties.uncalibrated());
        Classifier classifier = Classifiers.create(ClassifierProperties.rules());
        detector.initialise();
        estimator.initialise();
        classifier.initialise();
        figures = measure(detector, estimator, classifier);
    }

    static Figures measure(Detector detector, SizeEstimator estimator, Classifier classifier) {
        SplittableRandom random = new SplittableRandom(2026);
        int frames = SMALL_FRAMES + MEDIUM_FRAMES + LARGE_FRAMES;
        int objects = 0;
        int countMismatches = 0;
        int unmatched = 0;
        double worstArea = 0;
        double worstDiameter = 0;
        double worstFeret = 0;
        double worstOrientation = 0;
        int orientationSamples = 0;
        int classified = 0;
        int correct = 0;
        int roundTrips = 0;
        for (int n = 0; n < frames; n++) {
            int width;
            int height;
            double maxSize;
            int count;
            if (n < SMALL_FRAMES) {
                width = 64 + random.nextInt(257);
                height = 64 + random.nextInt(193);
                maxSize = Math.min(70, Math.min(width, height) / 2.0);
                count = 2 + random.nextInt(10);
            } else if (n < SMALL_FRAMES + MEDIUM_FRAMES) {
                width = 640;
                height = 480;
                maxSize = 160;
                count = 20;
            } else {
                width = 1920;
                height = 1080;
                maxSize = 400;
                count = 40;
            }
            SyntheticScene scene = SyntheticFrames.builder(width, height)
                    .seed(1000 + n)
                    .objects(count)
                    .sizeRange(12, maxSize)
                    .noise(8)
                    .darkObjects(n % 2 == 1)
                    .gradient(n % 3 == 0 ? 30 : 0)
                    .build();
            Detection detection = detector.detect(scene.frame());
            List<ObjectSize> sizes = estimator.estimate(detection);
            List<Classification> classes =
                    classifier.classify(scene.frame(), detection).objects();
            List<TruthObject> truth = scene.truth();
            objects += truth.size();
            if (detection.objects().size() != truth.size()) {
                countMismatches++;
            }
            for (TruthObject t : truth) {
                int i = nearest(detection.objects(), t);
                if (i < 0) {
                    unmatched++;
                    continue;
                }
                ObjectSize size = sizes.get(i);
                if (t.equivalentDiameter() >= 10) {
                    worstArea = Math.max(worstArea, relative(size.area(), t.filledArea()));
                    worstDiameter =
                            Math.max(worstDiameter, relative(size.equivalentDiameter(), t.equivalentDiameter()));
                    worstFeret = Math.max(worstFeret, relative(size.feret().maxFeret(), t.maxFeret()));
                }
                if (t.kind() == PaintedShape.ELLIPSE && t.majorAxis() >= 2 * t.minorAxis()) {
                    double error = Math.abs(size.ellipse().orientation() - t.orientationDegrees()) % 180;
                    worstOrientation = Math.max(worstOrientation, Math.min(error, 180 - error));
                    orientationSamples++;
                }
                if (t.expectedClass() != null) {
                    classified++;
                    if (classes.get(i).label().equals(t.expectedClass())) {
                        correct++;
                    }
                }
                if (sizes.get(i).objectId() == classes.get(i).objectId()) {
                    roundTrips++;
                }
            }
        }
        return new Figures(
                frames,
                objects,
                countMismatches,
                unmatched,
                worstArea,
                worstDiameter,
                worstFeret,
                worstOrientation,
                orientationSamples,
                classified,
                correct,
                roundTrips);
    }

    /** The detected object whose centroid is the truth's (the segmentation is exact, so within 0.5 px). */
    private static int nearest(List<DetectedObject> objects, TruthObject t) {
        for (int i = 0; i < objects.size(); i++) {
            DetectedObject o = objects.get(i);
            if (Math.abs(o.centroid().x() - t.cx()) < 0.5
                    && Math.abs(o.centroid().y() - t.cy()) < 0.5) {
                return i;
            }
        }
        return -1;
    }

    private static double relative(double measured, double truth) {
        return Math.abs(measured - truth) / truth;
    }

    @Test
    void coversAtLeastFiveHundredFramesOfAllSizes() {
        assertThat(figures.frames()).isGreaterThanOrEqualTo(500);
        assertThat(figures.objects()).isGreaterThan(3000);
    }

    @Test
    void countsEveryObjectExactly() {
        assertThat(figures.countMismatches()).as("frames with a wrong count").isZero();
        assertThat(figures.unmatched()).as("painted objects not found").isZero();
    }

    @Test
    void measuresAreaAndEquivalentDiameterWithinOnePercent() {
        assertThat(figures.worstAreaError()).as("worst relative area error").isLessThanOrEqualTo(0.01);
        assertThat(figures.worstDiameterError())
                .as("worst relative diameter error")
                .isLessThanOrEqualTo(0.01);
    }

    @Test
    void measuresMaxFeretWithinTwoPercent() {
        assertThat(figures.worstFeretError())
                .as("worst relative max-Feret error")
                .isLessThanOrEqualTo(0.02);
    }

    @Test
    void measuresOrientationOfElongatedEllipsesWithinThreeDegrees() {
        assertThat(figures.orientationSamples()).isGreaterThan(200);
        assertThat(figures.worstOrientationError())
                .as("worst orientation error, degrees")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void classifiesAtLeastNinetySevenPercentCorrectly() {
        assertThat(figures.classified()).isGreaterThan(2000);
        assertThat(figures.classAccuracy()).as("class accuracy").isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void sizesAndClassesLineUpWithDetectedObjects() {
        assertThat(figures.roundTrips()).isEqualTo(figures.objects() - figures.unmatched());
    }
}

package dev.framepipe.classification;

import static dev.framepipe.sizing.RasterShapes.detection;
import static dev.framepipe.sizing.RasterShapes.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.framepipe.detection.Detection;
import dev.framepipe.sizing.RasterShapes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleClassifierTests {

    private final Classifier classifier = Classifiers.create(ClassifierProperties.rules());

    private Classification classify(RasterShapes.Shape shape) {
        Detection detection = detection(120, 120, object(1, shape, 60.3, 59.6, 120, 120));
        List<Classification> result = Painted.classify(classifier, detection);
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {12, 20, 45, 90})
    void classifiesDiscsAsRound(double diameter) {
        assertThat(classify(RasterShapes.disc(diameter)).label()).isEqualTo("round");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 20, 45, 70})
    void classifiesRotatedRectanglesAsRectangular(double degrees) {
        assertThat(classify(RasterShapes.rectangle(50, 32, degrees)).label()).isEqualTo("rectangular");
        assertThat(classify(RasterShapes.rectangle(30, 30, degrees)).label()).isEqualTo("rectangular");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-60, 0, 35, 90})
    void classifiesThinEllipsesAndBarsAsElongated(double degrees) {
        assertThat(classify(RasterShapes.ellipse(60, 20, degrees)).label()).isEqualTo("elongated");
        assertThat(classify(RasterShapes.rectangle(60, 10, degrees)).label()).isEqualTo("elongated");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6})
    void classifiesLobedStarsAsIrregular(int lobes) {
        assertThat(classify(RasterShapes.star(22, 0.35, lobes)).label()).isEqualTo("irregular");
    }

    @Test
    void computesFeaturesOfADisc() {
        ShapeFeatures f = classify(RasterShapes.disc(60)).features();

        // With the detector's perimeter (chain length + pi) a large disc lies just below 1; a perimeter without
        // the pi (as the old hand-made fixture had) gives about 1.03, clamped to exactly 1.
        assertThat(f.circularity()).isCloseTo(1.0, within(0.005)).isLessThan(1.0);
        assertThat(f.elongation()).isCloseTo(1, within(0.02));
        assertThat(f.extent()).isCloseTo(Math.PI / 4, within(0.02));
        assertThat(f.meanIntensity()).isEqualTo(RasterShapes.OBJECT_LEVEL);
        assertThat(f.contrast())
                .isCloseTo((RasterShapes.OBJECT_LEVEL - RasterShapes.BACKGROUND_LEVEL) / 255, within(1e-12));
        assertThat(f.solidity()).isBetween(0.96, 1.0);
        assertThat(f.concavityDepth()).isBetween(0.0, 0.5);
        assertThat(f.hullCircularity()).isGreaterThan(0.98);
        assertThat(f.rectangularity()).isCloseTo(Math.PI / 4, within(0.03));
    }

    @Test
    void computesFeaturesOfAnAxisAlignedRectangle() {
        ShapeFeatures f = classify(RasterShapes.rectangle(40, 20, 0)).features();

        assertThat(f.elongation()).isCloseTo(2, within(1e-9)); // sqrt(40^2/12 / 20^2/12) with pixel squares
        assertThat(f.extent()).isEqualTo(1);
        assertThat(f.solidity()).isEqualTo(1);
        assertThat(f.concavityDepth()).isZero();
        assertThat(f.rectangularity()).isCloseTo(1, within(1e-9));
        assertThat(f.hullCircularity()).isCloseTo(4 * Math.PI * 800 / (120 * 120), within(1e-9));
    }

    @Test
    void clampsTheCircularityOfASinglePixelToOne() {
        boolean[] mask = {false, false, false, false, true, false, false, false, false};
        Detection detection = detection(3, 3, RasterShapes.fromMask(1, mask, 3, 3));
        Classification single = Painted.classify(classifier, detection).get(0);

        // the detector gives one pixel the perimeter pi, so 4 pi A / P^2 = 4 / pi, above 1
        assertThat(detection.objects().get(0).perimeter()).isEqualTo(Math.PI);
        assertThat(single.features().circularity()).isEqualTo(1.0);
        assertThat(single.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void givesHalfConfidenceOnABoundaryAndFullConfidenceFarFromAll() {
        RuleClassifier rules = new RuleClassifier(ClassifierProperties.defaults());
        ShapeFeatures onElongationBoundary = new ShapeFeatures(0.7, 2.2, 0.6, 200, 0.6, 0.95, 0.3, 0.7, 0.8);
        ShapeFeatures clearDisc = new ShapeFeatures(1, 1, 0.78, 200, 0.6, 0.99, 0.2, 1.0, 0.78);

        assertThat(rules.classify(1, onElongationBoundary).label()).isEqualTo("elongated");
        assertThat(rules.classify(1, onElongationBoundary).confidence()).isCloseTo(0.5, within(1e-9));
        assertThat(rules.classify(1, clearDisc).label()).isEqualTo("round");
        assertThat(rules.classify(1, clearDisc).confidence()).isEqualTo(1);
    }

    @Test
    void lowersConfidenceNearerTheBoundary() {
        RuleClassifier rules = new RuleClassifier(ClassifierProperties.defaults());
        ShapeFeatures near = new ShapeFeatures(0.9, 1.05, 0.78, 200, 0.6, 0.97, 0.3, 0.94, 0.8);
        ShapeFeatures far = new ShapeFeatures(0.9, 1.05, 0.78, 200, 0.6, 0.97, 0.3, 0.97, 0.8);

        assertThat(rules.classify(1, near).label()).isEqualTo("round");
        assertThat(rules.classify(1, near).confidence())
                .isLessThan(rules.classify(1, far).confidence());
    }

    @Test
    void followsConfiguredThresholds() {
        ClassifierProperties d = ClassifierProperties.defaults();
        Classifier strict = Classifiers.create(
                ClassifierProperties.of(java.util.Map.of("kind", "rules", "elongated-min-elongation", "5.0")));
        assertThat(d.elongatedMinElongation()).isLessThan(5.0);
        Detection ellipse = detection(120, 120, object(1, RasterShapes.ellipse(60, 20, 30), 60, 60, 120, 120));

        assertThat(Painted.classify(classifier, ellipse).get(0).label()).isEqualTo("elongated");
        assertThat(Painted.classify(strict, ellipse).get(0).label()).isNotEqualTo("elongated");
    }

    @Test
    void listsLabelsInStableOrder() {
        assertThat(classifier.labels()).containsExactly("round", "elongated", "rectangular", "irregular");
    }
}

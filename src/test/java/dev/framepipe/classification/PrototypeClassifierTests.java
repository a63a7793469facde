package dev.framepipe.classification;

import static dev.framepipe.sizing.RasterShapes.detection;
import static dev.framepipe.sizing.RasterShapes.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.sizing.RasterShapes;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrototypeClassifierTests {

    private static final String SHIPPED = "classpath:models/prototypes.json";

    @TempDir
    Path directory;

    private static Classifier loaded(String location) {
        Classifier classifier = Classifiers.create(ClassifierProperties.withModel(location));
        classifier.initialise();
        return classifier;
    }

    @Test
    void loadsShippedModelWithItsLabelsInFileOrder() {
        assertThat(loaded(SHIPPED).labels()).containsExactly("round", "elongated", "rectangular", "irregular");
    }

    @Test
    void classifiesHandRasterisedShapes() {
        Classifier classifier = loaded(SHIPPED);
        Detection detection = detection(
                400,
                100,
                object(1, RasterShapes.disc(40), 40, 50, 400, 100),
                object(2, RasterShapes.ellipse(70, 20, 25), 120, 50, 400, 100),
                object(3, RasterShapes.rectangle(50, 35, 30), 210, 50, 400, 100),
                object(4, RasterShapes.star(22, 0.35, 5), 320, 50, 400, 100));

        List<Classification> result = Painted.classify(classifier, detection);

        assertThat(result)
                .extracting(Classification::label)
                .containsExactly("round", "elongated", "rectangular", "irregular");
        assertThat(result).allSatisfy(c -> assertThat(c.confidence()).isBetween(0.5, 1.0));
    }

    @Test
    void classifiesTheGeneratorsKinds() {
        Classifier classifier = loaded(SHIPPED);
        Detector detector = Detectors.create(DetectorProperties.defaults());
        int expected = 0;
        int correct = 0;
        for (int seed = 0; seed < 80; seed++) {
            SyntheticScene scene = SyntheticFrames.builder(320, 240)
                    .seed(seed)
                    .objects(10)
                    .sizeRange(12, 90)
                    .noise(8)
                    .build();
            Detection detection = detector.detect(scene.frame());
            List<Classification> classes =
                    classifier.classify(scene.frame(), detection).objects();
            for (TruthObject t : scene.truth()) {
                if (t.expectedClass() == null) {
                    continue;
                }
                for (int i = 0; i < detection.objects().size(); i++) {
                    if (Math.abs(detection.objects().get(i).centroid().x() - t.cx()) < 0.5
                            && Math.abs(detection.objects().get(i).centroid().y() - t.cy()) < 0.5) {
                        expected++;
                        if (classes.get(i).label().equals(t.expectedClass())) {
                            correct++;
                        }
                    }
                }
            }
        }
        assertThat(expected).isGreaterThan(500);
        assertThat((double) correct / expected).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void refusesToClassifyBeforeInitialise() {
        Classifier classifier = Classifiers.create(ClassifierProperties.withModel(SHIPPED));

        assertThatThrownBy(() -> Painted.classify(classifier, detection(10, 10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("initialise");
    }

    @Test
    void namesTheMissingModelFile() {
        String missing = directory.resolve("absent.json").toString();
        Classifier classifier = Classifiers.create(ClassifierProperties.withModel(missing));

        assertThatThrownBy(classifier::initialise)
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("no such file");
    }

    @Test
    void namesTheCorruptModelFile() throws IOException {
        Path corrupt =
                Files.writeString(directory.resolve("corrupt.json"), "{ \"format\": \"framepipe-prototypes/1\", ");

        assertThatThrownBy(() -> loaded(corrupt.toString()))
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining(corrupt.toString());
    }

    @Test
    void explainsWhatIsWrongWithAWellFormedButInvalidModel() throws IOException {
        Path unknownFeature = Files.writeString(directory.resolve("unknown.json"), """
                {"format": "framepipe-prototypes/1", "scales": {"colour": 1},
                 "prototypes": [{"label": "round", "features": {"colour": 1}}]}
                """);
        Path missingValue = Files.writeString(directory.resolve("missing.json"), """
                {"format": "framepipe-prototypes/1", "scales": {"solidity": 0.1},
                 "prototypes": [{"label": "round", "features": {}}]}
                """);
        Path wrongFormat = Files.writeString(directory.resolve("format.json"), "{\"format\": \"other\"}");

        assertThatThrownBy(() -> loaded(unknownFeature.toString()))
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining("unknown feature \"colour\"");
        assertThatThrownBy(() -> loaded(missingValue.toString()))
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining("prototype 0 feature solidity");
        assertThatThrownBy(() -> loaded(wrongFormat.toString()))
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining(wrongFormat.toString())
                .hasMessageContaining("format");
    }

    @Test
    void usesNearestPrototypeWithDistanceRatioConfidence() throws IOException {
        Path model = Files.writeString(directory.resolve("two.json"), """
                {"format": "framepipe-prototypes/1", "scales": {"solidity": 0.1},
                 "prototypes": [{"label": "solid", "features": {"solidity": 1.0}},
                                {"label": "hollow", "features": {"solidity": 0.6}}]}
                """);
        PrototypeModel loaded = PrototypeModel.load(model.toString());

        Classification onPrototype = loaded.classify(1, new ShapeFeatures(1, 1, 1, 0, 0, 1.0, 0, 1, 1));
        Classification between = loaded.classify(1, new ShapeFeatures(1, 1, 1, 0, 0, 0.7, 0, 1, 1));

        assertThat(onPrototype.label()).isEqualTo("solid");
        assertThat(onPrototype.confidence()).isEqualTo(1);
        assertThat(between.label()).isEqualTo("hollow");
        assertThat(between.confidence()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-9)); // 3 / (1 + 3)
    }

    @Test
    void anObjectWithAPrototypesFeaturesLiesOnItAlsoWhereTheFeaturesAreTransformed() throws IOException {
        // elongation below 1 (a file may say so) and concavityDepth beyond the cap both go through the transform.
        Path model = Files.writeString(directory.resolve("transformed.json"), """
                {"format": "framepipe-prototypes/1", "scales": {"elongation": 0.15, "concavityDepth": 0.2},
                 "prototypes": [{"label": "odd", "features": {"elongation": 0.8, "concavityDepth": 4.0}},
                                {"label": "plain", "features": {"elongation": 2.0, "concavityDepth": 0.3}}]}
                """);
        PrototypeModel loaded = PrototypeModel.load(model.toString());

        Classification odd = loaded.classify(1, new ShapeFeatures(1, 0.8, 1, 0, 0, 1, 4.0, 1, 1));
        Classification plain = loaded.classify(2, new ShapeFeatures(1, 2.0, 1, 0, 0, 1, 0.3, 1, 1));

        assertThat(odd.label()).isEqualTo("odd");
        assertThat(odd.confidence()).isEqualTo(1);
        assertThat(plain.label()).isEqualTo("plain");
        assertThat(plain.confidence()).isEqualTo(1);
    }
}

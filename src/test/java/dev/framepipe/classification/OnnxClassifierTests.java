package dev.framepipe.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.sizing.RasterShapes;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxClassifierTests {

    private static final String TEST_MODELS = "classpath:models/";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    static byte[] resource(String name) {
        try (InputStream in = OnnxClassifierTests.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Classifier onnx(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("kind", "onnx");
        return Classifiers.create(ClassifierProperties.of(all), registry);
    }

    private static Detection painted() {
        return RasterShapes.detection(
                400,
                100,
                RasterShapes.object(1, RasterShapes.disc(40), 40, 50, 400, 100),
                RasterShapes.object(2, RasterShapes.ellipse(70, 20, 25), 120, 50, 400, 100),
                RasterShapes.object(3, RasterShapes.rectangle(50, 35, 30), 210, 50, 400, 100),
                RasterShapes.object(4, RasterShapes.star(22, 0.35, 5), 320, 50, 400, 100));
    }

    @Test
    void loadsTheShippedModelWhenNoPathIsSetAndTakesItsIdentityFromItsMetadata() throws Exception {
        Classifier classifier = onnx(Map.of());
        classifier.initialise();

        ModelIdentity model = classifier.model();
        assertThat(model.kind()).isEqualTo("onnx");
        assertThat(model.name()).isEqualTo("framepipe-shape-cnn");
        assertThat(model.version()).isEqualTo("1");
        assertThat(model.labels()).containsExactly("round", "elongated", "rectangular", "irregular");
        assertThat(model.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(resource("models/shape-classifier.onnx"))));
        assertThat(registry.get("framepipe.classifier.model.loads")
                        .tag("outcome", "accepted")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("framepipe.classifier.model.load.duration")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void takesLabelsAndInputSizeFromTheModelsMetadata() {
        Classifier classifier = onnx(Map.of("model-path", TEST_MODELS + "three-labels-16px.onnx"));
        classifier.initialise();

        assertThat(classifier.labels()).containsExactly("left", "right", "up");
        assertThat(classifier.model().name()).isEqualTo("three-labels");
        assertThat(classifier.model().version()).isEqualTo("7");
        Detection detection = painted();
        FrameClassification result = classifier.classify(RasterShapes.frame(detection), detection);
        assertThat(result.objects())
                .extracting(Classification::label)
                .allSatisfy(l -> assertThat(l).isIn("left", "right", "up"));
    }

    @Test
    void fallsBackToTheConfiguredLabelsAndInputWithoutMetadata() {
        Classifier classifier = onnx(Map.of("model-path", TEST_MODELS + "no-metadata-32px.onnx", "labels", "w,x,y,z"));
        classifier.initialise();

        assertThat(classifier.labels()).containsExactly("w", "x", "y", "z");
        assertThat(classifier.model().name()).isEqualTo("bare-graph");
    }

    @Test
    void refusesToStartWithAModelWhoseOutputDoesNotMatchItsLabelsNamingThePath() {
        Classifier classifier = onnx(Map.of("model-path", TEST_MODELS + "labels-mismatch.onnx"));

        assertThatThrownBy(classifier::initialise)
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining("models/labels-mismatch.onnx")
                .hasMessageContaining("3 labels");
        assertThat(registry.get("framepipe.classifier.model.loads")
                        .tag("outcome", "rejected")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void refusesToStartWithAModelWhoseInputItCannotFeedNamingThePath() {
        Classifier classifier = onnx(Map.of("model-path", TEST_MODELS + "rgb-input.onnx"));

        assertThatThrownBy(classifier::initialise)
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining("models/rgb-input.onnx")
                .hasMessageContaining("[N, 1, 32, 32]");
    }

    @Test
    void refusesToStartWithACorruptOrMissingFileNamingThePath(@TempDir Path dir) throws IOException {
        Path corrupt = dir.resolve("corrupt.onnx");
        Files.write(corrupt, new byte[] {8, 7, 18, 3, 'x', 'y'});

        assertThatThrownBy(onnx(Map.of("model-path", corrupt.toString()))::initialise)
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining(corrupt.toString());
        assertThatThrownBy(onnx(Map.of("model-path", dir.resolve("absent.onnx").toString()))::initialise)
                .isInstanceOf(ClassifierModelNotLoaded.class)
                .hasMessageContaining("absent.onnx")
                .hasMessageContaining("no such file");
    }

    @Test
    void classifiesHandRasterisedShapesAndStillReportsShapeFeatures() {
        Classifier classifier = onnx(Map.of());
        classifier.initialise();
        Detection detection = painted();

        List<Classification> result =
                classifier.classify(RasterShapes.frame(detection), detection).objects();

        assertThat(result).extracting(Classification::objectId).containsExactly(1, 2, 3, 4);
        assertThat(result)
                .extracting(Classification::label)
                .containsExactly("round", "elongated", "rectangular", "irregular");
        assertThat(result).allSatisfy(c -> {
            assertThat(c.confidence()).isBetween(0.25, 1.0);
            assertThat(c.features()).isNotNull();
        });
    }

    @Test
    void givesTheSameAnswerWhetherAFramesObjectsGoInOneBatchOrSeveral() {
        Classifier whole = onnx(Map.of());
        Classifier split = onnx(Map.of("max-batch", "7"));
        whole.initialise();
        split.initialise();
        SyntheticScene scene = SyntheticFrames.builder(640, 480)
                .seed(77)
                .objects(40)
                .sizeRange(12, 60)
                .noise(8)
                .build();
        Detection detection = Detectors.create(DetectorProperties.defaults()).detect(scene.frame());
        assertThat(detection.objects()).hasSizeGreaterThan(20);

        List<Classification> a = whole.classify(scene.frame(), detection).objects();
        List<Classification> b = split.classify(scene.frame(), detection).objects();

        assertThat(b)
                .extracting(Classification::label)
                .isEqualTo(a.stream().map(Classification::label).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).confidence())
                    .isCloseTo(a.get(i).confidence(), org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    @Test
    void keepsServingTheOldModelWhenAReplacementIsRejected() {
        Classifier classifier = onnx(Map.of());
        classifier.initialise();
        ModelIdentity before = classifier.model();

        assertThatThrownBy(() -> classifier.replaceModel(new byte[] {1, 2, 3})).isInstanceOf(ModelRejected.class);
        assertThatThrownBy(() -> classifier.replaceModel(resource("models/labels-mismatch.onnx")))
                .isInstanceOf(ModelRejected.class)
                .hasMessageContaining("labels");

        assertThat(classifier.model()).isEqualTo(before);
        Detection detection = painted();
        assertThat(classifier.classify(RasterShapes.frame(detection), detection).model())
                .isEqualTo(before);
        assertThat(registry.get("framepipe.classifier.model.loads")
                        .tag("outcome", "rejected")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void storesAnAcceptedModelAndLoadsItFirstOnTheNextStart(@TempDir Path dir) {
        Classifier first = onnx(Map.of("model-dir", dir.toString()));
        first.initialise();
        ModelIdentity swapped = first.replaceModel(resource("models/swap-b.onnx"));

        assertThat(first.model()).isEqualTo(swapped);
        assertThat(swapped.name()).isEqualTo("framepipe-swap-b");
        assertThat(dir.resolve(OnnxClassifier.STORED_MODEL)).exists();
        Classifier restarted = onnx(Map.of("model-dir", dir.toString()));
        restarted.initialise();
        assertThat(restarted.model().sha256()).isEqualTo(swapped.sha256());
    }

    @Test
    void closesAReplacedModelOnlyAfterItsLastFrame() {
        OnnxModel model = OnnxModel.load(resource("models/swap-b.onnx"), ClassifierProperties.defaults());
        assertThat(model.acquire()).isTrue();

        model.retire();
        assertThat(model.closed()).isFalse();
        model.release();

        assertThat(model.closed()).isTrue();
        assertThat(model.acquire()).isFalse();
    }

    @Test
    void refusesTheReplacementWhenTheKindHasNoModel() {
        Classifier rules = Classifiers.create(ClassifierProperties.rules());

        assertThatThrownBy(() -> rules.replaceModel(resource("models/swap-b.onnx")))
                .isInstanceOf(ModelReplacementUnsupported.class)
                .hasMessageContaining("kind=onnx");
    }

    @Test
    void classifiesTheCoinsOfScikitImagesSamplePhotoAsRound() {
        Frame coins = FrameDecoders.withDefaultLimits()
                .decode(EncodedFrame.of(FrameFormat.PNG, resource("images/coins.png")));
        Detector detector = Detectors.create(DetectorProperties.defaults());
        Detection detection = detector.detect(coins);
        Classifier classifier = onnx(Map.of());
        classifier.initialise();

        List<Classification> classes = classifier.classify(coins, detection).objects();

        long coinSized = 0;
        long round = 0;
        for (int i = 0; i < classes.size(); i++) {
            DetectedObject object = detection.objects().get(i);
            if (object.area() >= 300 && !object.touchesBorder()) {
                coinSized++;
                if (classes.get(i).label().equals("round")) {
                    round++;
                }
            }
        }
        assertThat(coinSized).isGreaterThanOrEqualTo(20);
        assertThat((double) round / coinSized).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void isAtLeastAsAccurateAsTheRuleSetOnHeldOutGeneratedFrames() {
        Classifier learned = onnx(Map.of());
        learned.initialise();
        Map<String, Classifier> classifiers = new java.util.LinkedHashMap<>();
        classifiers.put("rules", Classifiers.create(ClassifierProperties.rules()));
        classifiers.put("onnx", learned);

        Map<String, HeldOutAccuracy.Score> scores = HeldOutAccuracy.measure(classifiers, 150);

        assertThat(scores.get("onnx").counted()).isGreaterThan(1000);
        assertThat(scores.get("onnx").accuracy())
                .isGreaterThanOrEqualTo(scores.get("rules").accuracy());
        assertThat(scores.get("onnx").accuracy()).isGreaterThanOrEqualTo(0.97);
    }
}

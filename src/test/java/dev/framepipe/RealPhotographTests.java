package dev.framepipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.detection.DetectorOverrides;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.detection.Polarity;
import dev.framepipe.detection.PolarityRule;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real photograph: scikit-image's {@code coins.png} (24 coins under uneven light; see
 * {@code src/test/resources/images/coins.txt}), counted and classified the way a person sees it.
 */
class RealPhotographTests {

    private static final int COINS = 24;
    private static final int MIN_COIN_AREA = 150;

    private final Detector detector = Detectors.create(DetectorProperties.defaults());
    /** The default classifier (the shipped ONNX model), loaded once as the service loads it. */
    private static final Classifier classifier = Classifiers.create(ClassifierProperties.defaults());

    @BeforeAll
    static void loadTheClassifier() {
        classifier.initialise();
    }

    static Frame coins() throws IOException {
        try (InputStream in = RealPhotographTests.class.getResourceAsStream("/images/coins.png")) {
            return FrameDecoders.withDefaultLimits().decode(EncodedFrame.of(FrameFormat.PNG, in.readAllBytes()));
        }
    }

    private static DetectorOptions options(Map<String, String> overrides) {
        return DetectorOverrides.parse(overrides).applyTo(DetectorOptions.defaults());
    }

    /** Objects of at least {@link #MIN_COIN_AREA} pixels and how many of them are {@code round}. */
    private record Coins(List<DetectedObject> large, long round) {}

    private Coins coins(Frame frame, Detection detection) {
        List<Classification> classes = classifier.classify(frame, detection).objects();
        List<DetectedObject> large = detection.objects().stream()
                .filter(o -> o.area() >= MIN_COIN_AREA)
                .toList();
        long round = 0;
        for (int i = 0; i < detection.objects().size(); i++) {
            if (detection.objects().get(i).area() >= MIN_COIN_AREA
                    && "round".equals(classes.get(i).label())) {
                round++;
            }
        }
        return new Coins(large, round);
    }

    @Test
    void withTheDefaultsCountsTwentyFourCoinsMostOfThemRound() throws IOException {
        Frame frame = coins();
        Detection detection = detector.detect(frame);
        Coins coins = coins(frame, detection);
        assertThat(detection.polarity()).isEqualTo(Polarity.BRIGHT);
        assertThat(detection.polarityRule()).isEqualTo(PolarityRule.BORDER);
        assertThat(coins.large()).hasSize(COINS);
        assertThat(coins.round()).isGreaterThanOrEqualTo(22);
    }

    @Test
    void aLocalThresholdSeparatesEveryCoinFromTheUnevenLight() throws IOException {
        // the global level merges the brightest corner of the background with the coin in it; a local one
        // follows the light (the photograph's top edge is a bright band of its own: exclude-border drops it)
        Frame frame = coins();
        Detection detection =
                detector.detect(frame, options(Map.of("threshold-method", "local", "exclude-border", "true")));
        Coins coins = coins(frame, detection);
        assertThat(coins.large()).hasSize(COINS);
        assertThat(coins.round()).isEqualTo(COINS);
        double[] areas = coins.large().stream()
                .mapToDouble(DetectedObject::area)
                .sorted()
                .toArray();
        assertThat(areas[areas.length - 1])
                .as("no two coins or coin and background merged")
                .isLessThan(2.5 * areas[areas.length / 2]);
    }

    @Test
    void findsTheCoinsWhenTheyAreDarkOnABrightSheet() throws IOException {
        Frame coins = coins();
        byte[] gray = coins.gray();
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (255 - (gray[i] & 0xFF));
        }
        Frame inverted = new Frame(coins.width(), coins.height(), gray);
        Detection detection =
                detector.detect(inverted, options(Map.of("threshold-method", "local", "exclude-border", "true")));
        assertThat(detection.polarity()).isEqualTo(Polarity.DARK);
        assertThat(detection.polarityRule()).isEqualTo(PolarityRule.BORDER);
        Coins found = coins(inverted, detection);
        assertThat(found.large()).hasSize(COINS);
        assertThat(found.round()).isGreaterThanOrEqualTo(22);
    }
}

package dev.framepipe.classification;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Accuracy of several classifiers on the same freshly generated frames, none of which the learned
 * model was trained on (seeds {@link #SEEDS}.., the training crops use {@link CropExporter#TRAINING_SEEDS}..).
 * Objects without an expected class (ellipses of axis ratio below 2.5) are not counted.
 *
 * <p>{@code main} prints the figures quoted in the README:
 * {@code java -cp <test class path> dev.framepipe.classification.HeldOutAccuracy [frames]}.
 */
public final class HeldOutAccuracy {

    static final long SEEDS = 40_000;

    private HeldOutAccuracy() {}

    /** Correct and counted objects of one classifier. */
    record Score(int correct, int counted) {
        double accuracy() {
            return (double) correct / counted;
        }
    }

    static Map<String, Score> measure(Map<String, Classifier> classifiers, int frames) {
        Detector detector = Detectors.create(DetectorProperties.defaults());
        SplittableRandom random = new SplittableRandom(SEEDS);
        Map<String, int[]> tallies = new LinkedHashMap<>();
        classifiers.keySet().forEach(name -> tallies.put(name, new int[2]));
        for (int n = 0; n < frames; n++) {
            SyntheticScene scene = CropExporter.sceneWithSeed(random, n, SEEDS + n);
            Detection detection = detector.detect(scene.frame());
            for (Map.Entry<String, Classifier> entry : classifiers.entrySet()) {
                List<Classification> classes =
                        entry.getValue().classify(scene.frame(), detection).objects();
                int[] tally = tallies.get(entry.getKey());
                for (TruthObject t : scene.truth()) {
                    DetectedObject object = CropExporter.matching(detection, t);
                    if (t.expectedClass() == null || object == null) {
                        continue;
                    }
                    tally[1]++;
                    if (classes.get(detection.objects().indexOf(object)).label().equals(t.expectedClass())) {
                        tally[0]++;
                    }
                }
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        tallies.forEach((name, t) -> scores.put(name, new Score(t[0], t[1])));
        return scores;
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Classifier onnx = Classifiers.create(ClassifierProperties.of(Map.of("kind", "onnx")));
        onnx.initialise();
        Map<String, Classifier> classifiers = new LinkedHashMap<>();
        classifiers.put("rules", Classifiers.create(ClassifierProperties.rules()));
        classifiers.put("onnx", onnx);
        measure(classifiers, frames)
                .forEach((name, score) -> System.out.printf(
                        "%-6s %5d / %5d = %.4f%n", name, score.correct(), score.counted(), score.accuracy()));
    }
}

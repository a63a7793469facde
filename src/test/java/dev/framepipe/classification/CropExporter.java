package dev.framepipe.classification;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes training crops for the learned classifier ({@code scripts/train-classifier.py} runs it):
 * frames from the synthetic generator, detected by the real detector, each object with an expected
 * class cropped exactly as {@link OnnxClassifier} crops it ({@link MaskedCrop}, the default input
 * spec). Seeds start at {@link #TRAINING_SEEDS}, far from every seed the tests use, so the tests'
 * frames stay held out.
 *
 * <p>Output in the given directory: {@code crops.f32} ({@code count x size x size} little-endian
 * floats), {@code labels.u8} (one label index per crop, in {@link RuleClassifier#LABELS} order),
 * {@code meta.txt} ({@code count size}).
 *
 * <p>Usage: {@code CropExporter <directory> [frames]}.
 */
public final class CropExporter {

    /** First seed of the training frames; held-out test frames use seeds below 100 000. */
    static final long TRAINING_SEEDS = 7_000_000;

    private CropExporter() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        Files.createDirectories(dir);
        ClassifierProperties properties = ClassifierProperties.defaults();
        ClassifierProperties.Input input = properties.input();
        MaskedCrop crop = new MaskedCrop(new OnnxInputSpec(input.size(), 1, input.margin(), input.mean(), input.std()));
        Detector detector = Detectors.create(DetectorProperties.defaults());
        detector.initialise();
        SplittableRandom random = new SplittableRandom(TRAINING_SEEDS);
        List<Byte> labels = new ArrayList<>();
        float[] plane = new float[crop.planeSize()];
        ByteBuffer bytes = ByteBuffer.allocate(plane.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("crops.f32")))) {
            for (int n = 0; n < frames; n++) {
                SyntheticScene scene = scene(random, n);
                Detection detection = detector.detect(scene.frame());
                for (TruthObject t : scene.truth()) {
                    if (t.expectedClass() == null) {
                        continue;
                    }
                    DetectedObject object = matching(detection, t);
                    if (object == null) {
                        continue;
                    }
                    crop.write(scene.frame(), object, detection.backgroundMean(), plane, 0);
                    bytes.clear();
                    bytes.asFloatBuffer().put(plane);
                    out.write(bytes.array());
                    labels.add((byte) RuleClassifier.LABELS.indexOf(t.expectedClass()));
                }
            }
        }
        byte[] labelBytes = new byte[labels.size()];
        for (int i = 0; i < labelBytes.length; i++) {
            labelBytes[i] = labels.get(i);
        }
        Files.write(dir.resolve("labels.u8"), labelBytes);
        Files.writeString(dir.resolve("meta.txt"), labels.size() + " " + input.size() + "\n");
    }

    /**
     * Frame sizes, object sizes, polarity, noise and ramp varied like the accuracy tests'; a quarter of
     * the frames so noisy (sigma 20..44) that the threshold leaves ragged edges and holes, as on photos.
     */
    static SyntheticScene scene(SplittableRandom random, int n) {
        return sceneWithSeed(random, n, TRAINING_SEEDS + n);
    }

    /** The scene {@link #scene} draws, painted with the given seed. */
    static SyntheticScene sceneWithSeed(SplittableRandom random, int n, long seed) {
        int width;
        int height;
        double maxSize;
        int count;
        if (n % 20 < 17) {
            width = 96 + random.nextInt(257);
            height = 96 + random.nextInt(193);
            maxSize = Math.min(90, Math.min(width, height) / 2.0);
            count = 3 + random.nextInt(10);
        } else if (n % 20 < 19) {
            width = 640;
            height = 480;
            maxSize = 200;
            count = 20;
        } else {
            width = 1280;
            height = 960;
            maxSize = 420;
            count = 16;
        }
        return SyntheticFrames.builder(width, height)
                .seed(seed)
                .objects(count)
                .sizeRange(10, maxSize)
                .noise(random.nextInt(4) == 0 ? 20 + random.nextInt(25) : 2 + random.nextInt(14))
                .darkObjects(random.nextBoolean())
                .gradient(random.nextInt(3) == 0 ? random.nextInt(50) : 0)
                .build();
    }

    /** The detected object whose centroid is the truth's (the segmentation is exact, so within 0.5 px). */
    static DetectedObject matching(Detection detection, TruthObject t) {
        for (DetectedObject o : detection.objects()) {
            if (Math.abs(o.centroid().x() - t.cx()) < 0.5
                    && Math.abs(o.centroid().y() - t.cy()) < 0.5) {
                return o;
            }
        }
        return null;
    }
}

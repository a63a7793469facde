package dev.framepipe.testing;

import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inputs of the stage contracts ({@link DetectorContract}, {@link SizeEstimatorContract},
 * {@link ClassifierContract}): generated scenes of several sizes, uniform ("empty") frames, and the default
 * detector's output on them, which is what the later stages see in production.
 */
public final class StageInputs {

    /** Number of scene frames; with {@link StageConcurrency}'s 8 threads each thread sees several. */
    public static final int SCENES = 16;

    private static final Detector DEFAULT_DETECTOR = Detectors.create(DetectorProperties.defaults());

    private StageInputs() {}

    /** {@value #SCENES} noisy scenes of 12 mixed objects each, 96x72 to 256x192 pixels. */
    public static List<Frame> scenes() {
        List<Frame> frames = new ArrayList<>(SCENES);
        for (int i = 0; i < SCENES; i++) {
            int width = 96 + 32 * (i % 6);
            frames.add(SyntheticFrames.builder(width, 3 * width / 4)
                    .seed(100 + i)
                    .objects(12)
                    .sizeRange(8, 30)
                    .noise(6)
                    .build()
                    .frame());
        }
        return frames;
    }

    /** Frames with nothing on them: uniform black, mid-grey and white, and a single pixel. */
    public static List<Frame> emptyFrames() {
        return List.of(uniform(64, 48, 0), uniform(64, 48, 128), uniform(64, 48, 255), uniform(1, 1, 7));
    }

    /** A uniform frame. */
    public static Frame uniform(int width, int height, int level) {
        byte[] gray = new byte[width * height];
        Arrays.fill(gray, (byte) level);
        return new Frame(width, height, gray);
    }

    /** The default detector's output on {@code frame}, the input production gives the later stages. */
    public static Detection detect(Frame frame) {
        return DEFAULT_DETECTOR.detect(frame);
    }

    /** One frame and the default detector's output on it. */
    public record Analysed(Frame frame, Detection detection) {

        /** The default detector's output on each of the {@link #scenes()}. */
        public static List<Analysed> scenes() {
            return StageInputs.scenes().stream()
                    .map(f -> new Analysed(f, detect(f)))
                    .toList();
        }

        /** The default detector's (empty) output on each of the {@link #emptyFrames()}. */
        public static List<Analysed> empty() {
            return emptyFrames().stream().map(f -> new Analysed(f, detect(f))).toList();
        }
    }
}

package dev.framepipe.bench;

import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.Frame;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The analysis stages one at a time, single-threaded, with the default settings: detect (Otsu threshold,
 * labeling, per-object statistics and runs), size and classify with the rule set (on the detector's
 * output; {@link ClassifierBenchmark} compares it with the learned model).
 * Detector megapixels per second = frame megapixels / the {@code detect} time (BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StageBenchmark {

    @Param({"640x480/30", "640x480/300", "640x480/noisy", "1920x1080/30", "1920x1080/300"})
    public String scene;

    private final Detector detector = Detectors.create(DetectorProperties.defaults());
    private final SizeEstimator sizeEstimator = SizeEstimators.create(SizingProperties.uncalibrated());
    private final Classifier classifier = Classifiers.create(ClassifierProperties.rules());
    private Frame frame;
    private Detection detected;
    private Detection detection;

    @Setup
    public void setUp() {
        classifier.initialise();
        frame = Scenes.frame(scene);
        detected = detector.detect(frame);
        detection = detected;
        System.out.printf(
                "%n[scene %s: %.4f MP, %d objects, threshold %d]%n",
                scene, Scenes.megapixels(frame), detection.objects().size(), detection.threshold());
    }

    /**
     * A fresh copy of the detection for every call: the hull each object memoises is then computed
     * inside the {@code size} and {@code classify} measurements, once per frame as in the pipeline.
     */
    @Setup(Level.Invocation)
    public void freshDetection() {
        detection = FreshDetection.of(detected);
    }

    @Benchmark
    public Detection detect() {
        return detector.detect(frame);
    }

    @Benchmark
    public List<ObjectSize> size() {
        return sizeEstimator.estimate(detection);
    }

    @Benchmark
    public FrameClassification classify() {
        return classifier.classify(frame, detection);
    }
}

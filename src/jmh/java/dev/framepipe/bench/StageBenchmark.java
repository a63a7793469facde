package dev.framepipe.bench;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The analysis stages one at a time, single-threaded, with the default settings: detect (Otsu threshold,
 * labeling, per-object statistics and runs), size and classify (on the detector's output).
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
    private final Classifier classifier = Classifiers.create(ClassifierProperties.defaults());
    private Frame frame;
    private Detection detection;

    @Setup
    public void setUp() {
        frame = Scenes.frame(scene);
        detection = detector.detect(frame);
        System.out.printf("%n[scene %s: %.4f MP, %d objects, threshold %d]%n", scene, Scenes.megapixels(frame),
                detection.objects().size(), detection.threshold());
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
    public List<Classification> classify() {
        return classifier.classify(detection);
    }
}

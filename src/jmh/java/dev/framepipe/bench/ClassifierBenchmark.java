package dev.framepipe.bench;

import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.Frame;
import java.util.Map;
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
 * One frame's classification, single-threaded: the rule set against the learned ONNX model (one batched
 * run per frame, intra-op threads 1), on a 640x480 frame with 30 and with 300 objects. Each invocation
 * gets a fresh copy of the detection, so the memoised hull is computed inside the measurement as it is
 * once per frame in the pipeline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClassifierBenchmark {

    @Param({"640x480/30", "640x480/300"})
    public String scene;

    @Param({"rules", "onnx"})
    public String kind;

    private Classifier classifier;
    private Frame frame;
    private Detection detected;
    private Detection detection;

    @Setup
    public void setUp() {
        frame = Scenes.frame(scene);
        detected = Detectors.create(DetectorProperties.defaults()).detect(frame);
        classifier = Classifiers.create(ClassifierProperties.of(Map.of("kind", kind)));
        classifier.initialise();
    }

    @Setup(Level.Invocation)
    public void freshDetection() {
        detection = FreshDetection.of(detected);
    }

    @Benchmark
    public FrameClassification classify() {
        return classifier.classify(frame, detection);
    }
}

package dev.framepipe.bench;

import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.detection.FirstDetector;
import dev.framepipe.frame.Frame;
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
 * The default detector against the first one ({@link FirstDetector}), same frames, for A/B ratios on a
 * shared machine: run {@code -p detector=first} and {@code -p detector=segmentation} in alternation
 * (BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DetectorAbBenchmark {

    @Param({"640x480/30", "1920x1080/30"})
    public String scene;

    @Param({"first", "segmentation"})
    public String detector;

    private Detector chosen;
    private Frame frame;

    @Setup
    public void setUp() {
        frame = Scenes.frame(scene);
        chosen = detector.equals("first")
                ? new FirstDetector(DetectorProperties.defaults())
                : Detectors.create(DetectorProperties.defaults());
    }

    @Benchmark
    public Detection detect() {
        return chosen.detect(frame);
    }
}

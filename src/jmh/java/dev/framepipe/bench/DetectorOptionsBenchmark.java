package dev.framepipe.bench;

import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.detection.DetectorOverrides;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.Frame;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * The cost of the detector's options on the benchmark scenes, single-threaded: the defaults, a local
 * threshold ({@code threshold-method=local}, window 151), splitting touching objects
 * ({@code split=touching}, {@code object-diameter=10-200}) and both. MP/s = frame megapixels / time
 * (BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DetectorOptionsBenchmark {

    @Param({"640x480/30", "1920x1080/30"})
    public String scene;

    @Param({"default", "local", "split", "local+split"})
    public String options;

    private final Detector detector = Detectors.create(DetectorProperties.defaults());
    private Frame frame;
    private DetectorOptions effective;

    @Setup
    public void setUp() {
        frame = Scenes.frame(scene);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (options.contains("local")) {
            overrides.put("threshold-method", "local");
        }
        if (options.contains("split")) {
            overrides.put("split", "touching");
        }
        effective = DetectorOverrides.parse(overrides).applyTo(DetectorOptions.defaults());
        Detection detection = detector.detect(frame, effective);
        System.out.printf(
                "%n[scene %s, %s: %.4f MP, %d objects]%n",
                scene, options, Scenes.megapixels(frame), detection.objects().size());
    }

    @Benchmark
    public Detection detect() {
        return detector.detect(frame, effective);
    }
}

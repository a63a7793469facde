package dev.framepipe.pipeline;

import dev.framepipe.baseline.BaselineExtremes;
import dev.framepipe.baseline.BaselineStages;
import dev.framepipe.bench.Scenes;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StatsProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The whole in-process pipeline, one caller thread (concurrency 1): decode, detect, size and classify
 * (forked or one after the other), aggregate with a Prometheus registry, build the report, exactly as
 * the HTTP controller calls it, minus HTTP and JSON. It lives in the pipeline package to open admission
 * the way the application's start-up does.
 *
 * <p>Workloads: {@code raw/640x480/30}, {@code raw/640x480/300}, {@code png/640x480/30},
 * {@code raw/1920x1080/300} with the default detector and size estimator and the rule-set classifier;
 * {@code onnx/640x480/30} and {@code onnx/640x480/300} the same with the learned ONNX classifier; and
 * {@code baseline}: the Python controller's synthetic stages (profile {@code baseline}) on a 64x48 raw
 * frame, whose decode is negligible. The stage executor is the application's ({@link SpinningTaskQueue}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineBenchmark {

    @Param({"raw/640x480/30", "raw/640x480/300", "onnx/640x480/30", "onnx/640x480/300", "baseline"})
    public String workload;

    @Param({"AUTO", "CONCURRENT", "SEQUENTIAL"})
    public PipelineProperties.Mode mode;

    private ThreadPoolTaskExecutor executor;
    private FramePipeline pipeline;
    private EncodedFrame encoded;

    @Setup
    public void setUp() {
        executor = new PipelineConfiguration()
                .stageExecutor(new org.springframework.boot.context.properties.bind.Binder(
                                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                                        java.util.Map.of()))
                        .bindOrCreate("framepipe.executor", ExecutorProperties.class));
        executor.initialize();

        Detector detector;
        SizeEstimator sizeEstimator;
        Classifier classifier;
        if (workload.equals("baseline")) {
            detector = BaselineStages.detector();
            sizeEstimator = BaselineStages.sizeEstimator(new BaselineExtremes(1024));
            classifier = BaselineStages.classifier();
            encoded = EncodedFrame.rawGray8(new byte[64 * 48], 64, 48);
        } else {
            detector = Detectors.create(DetectorProperties.defaults());
            sizeEstimator = SizeEstimators.create(SizingProperties.uncalibrated());
            String[] parts = workload.split("/", 2);
            classifier = Classifiers.create(
                    parts[0].equals("onnx") ? ClassifierProperties.defaults() : ClassifierProperties.rules());
            classifier.initialise();
            FrameFormat format = parts[0].equals("png") ? FrameFormat.PNG : FrameFormat.RAW_GRAY8;
            encoded = EncodedSamples.encoded(Scenes.frame(parts[1]), format);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Aggregator aggregator = new Aggregator(StatsProperties.defaults());
        aggregator.metrics().bindTo(registry);
        pipeline = new FramePipeline(
                FrameDecoders.withDefaultLimits(),
                detector,
                sizeEstimator,
                classifier,
                aggregator,
                executor,
                PipelineProperties.defaults().withMode(mode),
                registry);
        pipeline.setAccepting(true);
    }

    @TearDown
    public void tearDown() {
        executor.shutdown();
    }

    @Benchmark
    public PipelineResult process() {
        return pipeline.process("bench", encoded);
    }
}

package dev.framepipe.pipeline;

import dev.framepipe.classification.ClassifierProperties;
import dev.framepipe.classification.Classifiers;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoders;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StatsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Real frame reports, as the pipeline produces them for the HTTP operations: the default stages, run
 * one after the other on the caller's thread, for report writer tests and benchmarks. Close it to stop
 * its (idle) stage executor.
 */
public final class SampleReports implements AutoCloseable {

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    private final FramePipeline pipeline;

    /** @param mmPerPixel scale of the size estimator, or {@code null} for sizes in pixels only */
    public SampleReports(Double mmPerPixel) {
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(4);
        executor.initialize();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SizingProperties sizing =
                mmPerPixel == null ? SizingProperties.uncalibrated() : new SizingProperties(mmPerPixel);
        var classifier = Classifiers.create(ClassifierProperties.defaults());
        classifier.initialise();
        pipeline = new FramePipeline(
                FrameDecoders.withDefaultLimits(),
                Detectors.create(DetectorProperties.defaults()),
                SizeEstimators.create(sizing),
                classifier,
                new Aggregator(StatsProperties.defaults()),
                executor,
                PipelineProperties.defaults().withMode(PipelineProperties.Mode.SEQUENTIAL),
                registry);
        pipeline.setAccepting(true);
    }

    /** The report of one frame, sent raw. */
    public FrameReport of(String stream, Frame frame) {
        return pipeline.process(stream, EncodedFrame.rawGray8(frame.gray(), frame.width(), frame.height()))
                .report();
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}

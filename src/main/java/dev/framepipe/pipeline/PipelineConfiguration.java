package dev.framepipe.pipeline;

import dev.framepipe.classification.Classifier;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StatsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Wires the stages into the pipeline, with the stage executor and the aggregator. */
@Configuration(proxyBeanMethods = false)
public class PipelineConfiguration {

    /** Name of the stage executor bean, and the {@code name} tag of Boot's {@code executor.*} meters. */
    public static final String STAGE_EXECUTOR = "stageExecutor";

    /** Name of the analysis executor bean ({@link AnalysisThreads}), and the {@code name} tag of its {@code executor.*} meters. */
    public static final String ANALYSIS_EXECUTOR = "analysisExecutor";

    @Bean(name = STAGE_EXECUTOR)
    ThreadPoolTaskExecutor stageExecutor(ExecutorProperties properties) {
        long spinNanos = properties.spin().toNanos();
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor() {
            @Override
            protected java.util.concurrent.BlockingQueue<Runnable> createQueue(int queueCapacity) {
                return new SpinningTaskQueue(queueCapacity, spinNanos);
            }
        };
        return prestarted(executor, "stage-", properties.effectiveThreads(), properties.queueCapacity());
    }

    /**
     * The threads that analyse admitted frames ({@link AnalysisThreads}): one per frame in flight, all started
     * now, by the thread that builds the application, at normal priority.
     */
    @Bean(name = ANALYSIS_EXECUTOR)
    ThreadPoolTaskExecutor analysisExecutor(PipelineProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadPriority(Thread.NORM_PRIORITY);
        // Queued only between a thread's end of one frame and its taking of the next.
        return prestarted(executor, "analysis-", properties.maxInFlight(), properties.maxInFlight());
    }

    /**
     * {@code executor} with {@code threads} threads, all started now, by the thread that builds the application (a
     * thread takes its creator's nice value, {@link AnalysisThreads}); work handed to it before a graceful shutdown
     * (a frame admitted, a forked branch) is run to the end.
     */
    private static ThreadPoolTaskExecutor prestarted(
            ThreadPoolTaskExecutor executor, String namePrefix, int threads, int queueCapacity) {
        executor.setThreadNamePrefix(namePrefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queueCapacity);
        executor.setPrestartAllCoreThreads(true);
        executor.setAcceptTasksAfterContextClose(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    @Bean
    Aggregator aggregator(StatsProperties properties) {
        return new Aggregator(properties);
    }

    /** The statistics' meters ({@code framepipe.frames}, {@code framepipe.objects}, ...), bound by Spring Boot. */
    @Bean
    MeterBinder statsMetrics(Aggregator aggregator) {
        return aggregator.metrics();
    }

    @Bean
    FrameAdmission frameAdmission(
            PipelineProperties properties,
            AdmissionProperties admission,
            DetectorProperties detector,
            ExecutorProperties executor,
            MeterRegistry registry) {
        return new FrameAdmission(
                properties,
                admission,
                detector::scratchBytes,
                executor.effectiveThreads(),
                Runtime.getRuntime().maxMemory(),
                registry);
    }

    @Bean
    FramePipeline framePipeline(
            FrameDecoder decoder,
            Detector detector,
            SizeEstimator sizeEstimator,
            Classifier classifier,
            Aggregator aggregator,
            @Qualifier(STAGE_EXECUTOR) ThreadPoolTaskExecutor executor,
            PipelineProperties properties,
            FrameAdmission admission,
            @Qualifier(ANALYSIS_EXECUTOR) ThreadPoolTaskExecutor analysisExecutor) {
        return new FramePipeline(
                decoder,
                detector,
                sizeEstimator,
                classifier,
                aggregator,
                executor,
                properties,
                admission,
                AnalysisThreads.on(analysisExecutor));
    }

    /** The pipeline's meters ({@code framepipe.stage.duration}, {@code framepipe.branch.*}, ...), bound by Spring Boot. */
    @Bean
    MeterBinder pipelineMetrics(FramePipeline pipeline) {
        return pipeline.metrics();
    }

    @Bean
    StageInitializer stageInitializer(
            FramePipeline pipeline, Detector detector, SizeEstimator sizeEstimator, Classifier classifier) {
        Map<String, Runnable> stages = new LinkedHashMap<>();
        stages.put(Stage.DETECT.tag(), detector::initialise);
        stages.put(Stage.SIZE.tag(), sizeEstimator::initialise);
        stages.put(Stage.CLASSIFY.tag(), classifier::initialise);
        return new StageInitializer(pipeline, stages);
    }
}

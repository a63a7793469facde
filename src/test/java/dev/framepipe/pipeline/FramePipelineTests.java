package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.classification.ShapeFeatures;
import dev.framepipe.detection.Box;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.Polarity;
import dev.framepipe.detection.Runs;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.frame.WorkCheckpoint;
import dev.framepipe.geometry.Moments;
import dev.framepipe.geometry.Point;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.Outcome;
import dev.framepipe.stats.StatsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The orchestration alone, with instrumented test stages: concurrency of the middle stages,
 * partial results, deadlines, admission and the executor fallback.
 */
class FramePipelineTests {

    private static final DetectedObject OBJECT = new DetectedObject(
            1,
            new Box(1, 1, 2, 2),
            new Moments(4, new Point(1.5, 1.5), 0.25, 0, 0.25),
            8,
            false,
            800,
            new Runs(new int[] {1, 1, 3, 2, 1, 3}));
    private static final PipelineProperties ONE_SECOND = new PipelineProperties(
            PipelineProperties.Mode.SEQUENTIAL, Duration.ofSeconds(1), true, 8, Duration.ofSeconds(1));
    private static final Detection DETECTION = new Detection(4, 4, 100, Polarity.BRIGHT, 10, List.of(OBJECT), false);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<ThreadPoolTaskExecutor> executors = new ArrayList<>();
    private final Aggregator aggregator = new Aggregator(StatsProperties.defaults());

    {
        aggregator.metrics().bindTo(registry);
    }

    @AfterEach
    void shutdown() {
        executors.forEach(ThreadPoolTaskExecutor::shutdown);
    }

    private ThreadPoolTaskExecutor executor(int threads, int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setThreadNamePrefix("test-stage-");
        executor.initialize();
        executors.add(executor);
        return executor;
    }

    private FramePipeline pipeline(
            PipelineProperties properties,
            ThreadPoolTaskExecutor executor,
            SizeEstimator sizeEstimator,
            Classifier classifier) {
        FrameDecoder decoder = encoded -> new Frame(encoded.width(), encoded.height(), encoded.data());
        Detector detector = frame -> DETECTION;
        FramePipeline pipeline = new FramePipeline(
                decoder, detector, sizeEstimator, classifier, aggregator, executor, properties, registry);
        pipeline.setAccepting(true);
        return pipeline;
    }

    private static EncodedFrame frame() {
        return EncodedFrame.rawGray8(new byte[16], 4, 4);
    }

    private static ObjectSize size(int id) {
        return new ObjectSize(
                id,
                4,
                2.26,
                new ObjectSize.Ellipse(2, 2, 0),
                new ObjectSize.ConvexHull(4, 4),
                new ObjectSize.Feret(2.83, 2),
                null);
    }

    private static SizeEstimator sizer(Runnable during) {
        return detection -> {
            during.run();
            return List.of(size(1));
        };
    }

    private static Classifier classifier(Runnable during) {
        return new Classifier() {
            @Override
            public FrameClassification classify(Frame frame, Detection detection) {
                during.run();
                return new FrameClassification(
                        model(),
                        List.of(new Classification(
                                1, "round", 0.9, new ShapeFeatures(0.95, 1, 1, 200, 0.7, 1, 0, 0.95, 0.8))));
            }

            @Override
            public ModelIdentity model() {
                return new ModelIdentity("test", "fixed", "1", null, labels(), java.time.Instant.EPOCH);
            }

            @Override
            public List<String> labels() {
                return List.of("round", "elongated");
            }
        };
    }

    private static Runnable await(CyclicBarrier barrier) {
        return () -> {
            try {
                barrier.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other stage never arrived", e);
            }
        };
    }

    private static void busy(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theReportTheStatisticsAndTheStageTimerPublishTheSameAggregateMeasurement() {
        FramePipeline pipeline = pipeline(
                PipelineProperties.defaults().withMode(PipelineProperties.Mode.SEQUENTIAL),
                executor(1, 4),
                sizer(() -> {}),
                classifier(() -> {}));
        int frames = 300;
        long reportedSum = 0;
        long reportedMax = 0;
        for (int i = 0; i < frames; i++) {
            long micros =
                    pipeline.process("cam", frame()).report().timingsMicros().get(Stage.AGGREGATE.tag());
            reportedSum += micros;
            reportedMax = Math.max(reportedMax, micros);
        }

        dev.framepipe.stats.Summary stats =
                aggregator.snapshot("cam").orElseThrow().stageLatencyMicros().get(Stage.AGGREGATE.tag());
        io.micrometer.core.instrument.Timer timer = registry.get("framepipe.stage.duration")
                .tag("stage", Stage.AGGREGATE.tag())
                .timer();
        assertThat(stats.count()).isEqualTo(frames);
        assertThat(stats.max()).isEqualTo(reportedMax);
        assertThat(stats.mean() * frames).isCloseTo(reportedSum, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(timer.count()).isEqualTo(frames);
        // The timer keeps the nanoseconds the report truncates to whole microseconds.
        assertThat(timer.totalTime(TimeUnit.MICROSECONDS))
                .isBetween((double) reportedSum, (double) reportedSum + frames);
    }

    @Test
    void autoModeTimesTheStagesInlineThenForksOnceThenRunsInstantStagesInline() {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        java.util.concurrent.atomic.AtomicBoolean secondFrame = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable meetOnSecondFrame = () -> {
            if (secondFrame.get()) {
                await(bothRunning).run();
            }
        };
        ThreadPoolTaskExecutor slowHandoff = new ThreadPoolTaskExecutor();
        slowHandoff.setCorePoolSize(2);
        slowHandoff.setMaxPoolSize(2);
        slowHandoff.setQueueCapacity(4);
        slowHandoff.setTaskDecorator(task -> () -> {
            busy(2_000_000); // every hand-off costs 2 ms, far more than the instant stages
            task.run();
        });
        slowHandoff.initialize();
        executors.add(slowHandoff);
        FramePipeline pipeline = pipeline(
                PipelineProperties.defaults(), slowHandoff, sizer(meetOnSecondFrame), classifier(meetOnSecondFrame));

        // The first frame runs inline (the stages timed alone), the second forks: its branches meet.
        FrameReport first = pipeline.process("cam", frame()).report();
        secondFrame.set(true);
        FrameReport second = pipeline.process("cam", frame()).report();
        secondFrame.set(false);
        for (int i = 0; i < 200; i++) {
            pipeline.process("cam", frame());
        }

        assertThat(PipelineProperties.defaults().mode()).isEqualTo(PipelineProperties.Mode.AUTO);
        assertThat(first.outcome()).isEqualTo(Outcome.OK);
        assertThat(second.outcome()).isEqualTo(Outcome.OK);
        double forked = registry.get("framepipe.branch.mode")
                .tag("mode", "forked")
                .counter()
                .count();
        double inline = registry.get("framepipe.branch.mode")
                .tag("mode", "inline")
                .counter()
                .count();
        assertThat(forked + inline).isEqualTo(202);
        assertThat(forked).isGreaterThanOrEqualTo(1).isLessThan(30);
        assertThat(registry.get("framepipe.branch.start.delay").timer().count()).isEqualTo((long) forked);
    }

    @Test
    void runsSizeEstimatorAndClassifierAtTheSameTimeInConcurrentMode() {
        CyclicBarrier bothRunning = new CyclicBarrier(2);
        FramePipeline pipeline = pipeline(
                PipelineProperties.defaults().withMode(PipelineProperties.Mode.CONCURRENT),
                executor(2, 4),
                sizer(await(bothRunning)),
                classifier(await(bothRunning)));

        FrameReport report = pipeline.process("cam", frame()).report();

        assertThat(report.outcome()).isEqualTo(Outcome.OK);
        assertThat(report.failures()).isEmpty();
        assertThat(report.objects()).singleElement().satisfies(o -> {
            assertThat(o.label()).isEqualTo("round");
            assertThat(o.size().equivalentDiameter()).isEqualTo(2.26);
        });
        assertThat(report.countsByClass()).containsEntry("round", 1).containsEntry("elongated", 0);
        assertThat(report.timingsMicros()).containsKeys("decode", "detect", "size", "classify", "aggregate", "total");
    }

    @Test
    void neverRunsTheMiddleStagesAtTheSameTimeInSequentialMode() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Runnable track = () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
        };
        FramePipeline pipeline = pipeline(
                PipelineProperties.defaults().withMode(PipelineProperties.Mode.SEQUENTIAL),
                executor(2, 4),
                sizer(track),
                classifier(track));

        for (int i = 0; i < 5; i++) {
            assertThat(pipeline.process("cam", frame()).report().outcome()).isEqualTo(Outcome.OK);
        }
        assertThat(maxRunning.get()).isEqualTo(1);
    }

    @Test
    void reportsPartialResultNamingTheFailedStage() {
        FramePipeline pipeline = pipeline(
                PipelineProperties.defaults(),
                executor(1, 4),
                sizer(() -> {
                    throw new IllegalStateException("calipers broke");
                }),
                classifier(() -> {}));

        FrameReport report = pipeline.process("cam", frame()).report();

        assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(report.failures()).containsExactly(new StageFailure("size", StageFailure.UNEXPECTED));
        assertThat(report.objects()).singleElement().satisfies(o -> {
            assertThat(o.size()).isNull();
            assertThat(o.label()).isEqualTo("round");
        });
        assertThat(aggregator.snapshot().overall().frames().partial()).isEqualTo(1);
    }

    @Test
    void failsNamingTheStageWhenPartialResultsAreDisabled() {
        PipelineProperties strict = new PipelineProperties(
                PipelineProperties.Mode.CONCURRENT, Duration.ofSeconds(2), false, 8, Duration.ofSeconds(1));
        FramePipeline pipeline = pipeline(strict, executor(1, 4), sizer(() -> {}), classifier(() -> {
            throw new IllegalArgumentException("model exploded");
        }));

        assertThatThrownBy(() -> pipeline.process("cam", frame()))
                .isInstanceOfSatisfying(
                        StageFailed.class, e -> assertThat(e.stage()).isEqualTo("classify"))
                .hasMessageContaining("classify")
                .hasRootCauseMessage("model exploded");
        assertThat(aggregator.snapshot().overall().frames().total()).isZero();
    }

    @Test
    void answersDeadlineExceededWhenTheForkedBranchHangsAndFreesItsThread() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        PipelineProperties quick = new PipelineProperties(
                PipelineProperties.Mode.CONCURRENT, Duration.ofMillis(200), true, 8, Duration.ofSeconds(1));
        ThreadPoolTaskExecutor executor = executor(1, 4);
        FramePipeline pipeline = pipeline(
                quick,
                executor,
                sizer(() -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                }),
                classifier(() -> {}));

        assertThatThrownBy(() -> pipeline.process("cam", frame()))
                .isInstanceOfSatisfying(
                        DeadlineExceeded.class, e -> assertThat(e.stage()).isEqualTo("size"));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pipeline.inFlight()).isZero();
    }

    @Test
    void runsTheBranchOnTheCallerWhenTheExecutorQueueIsFull() throws Exception {
        ThreadPoolTaskExecutor executor = executor(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        executor.execute(() -> awaitQuietly(release));
        executor.execute(() -> {});
        try {
            FramePipeline pipeline = pipeline(
                    PipelineProperties.defaults().withMode(PipelineProperties.Mode.CONCURRENT),
                    executor,
                    sizer(() -> {}),
                    classifier(() -> {}));
            assertThat(pipeline.process("cam", frame()).report().outcome()).isEqualTo(Outcome.OK);
            assertThat(registry.get("framepipe.branch.inline").counter().count())
                    .isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void refusesFramesBeyondTheInFlightLimitAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        PipelineProperties two = new PipelineProperties(
                PipelineProperties.Mode.SEQUENTIAL, Duration.ofSeconds(10), true, 2, Duration.ofSeconds(1));
        FramePipeline pipeline = pipeline(
                two,
                executor(1, 4),
                sizer(() -> {
                    inside.countDown();
                    awaitQuietly(release);
                }),
                classifier(() -> {}));
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Function<Integer, Future<FrameReport>> send =
                    i -> clients.submit(() -> pipeline.process("cam", frame()).report());
            Future<FrameReport> first = send.apply(1);
            Future<FrameReport> second = send.apply(2);
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> pipeline.process("cam", frame())).isInstanceOf(PipelineSaturated.class);

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
            assertThat(second.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
            assertThat(aggregator.snapshot().overall().frames().ok()).isEqualTo(2);
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void shedsALargeFrameThatWaitedForAProcessorPastItsLatestStartBeforeDecodingIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger decoded = new AtomicInteger();
        // A 640x640 frame is expected to take 26 ms at the assumed 60 ns per pixel: large.
        FrameAdmission admission = oneProcessorOneSecond();
        FrameDecoder decoder = encoded -> {
            decoded.incrementAndGet();
            return new Frame(encoded.width(), encoded.height(), encoded.data());
        };
        FramePipeline pipeline = new FramePipeline(
                decoder,
                frame -> DETECTION,
                sizer(() -> {
                    inside.countDown();
                    awaitQuietly(release);
                }),
                classifier(() -> {}),
                aggregator,
                executor(1, 4),
                ONE_SECOND,
                admission,
                AnalysisThreads.CALLER);
        pipeline.setAccepting(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<FrameReport> first =
                    clients.submit(() -> pipeline.process("cam", large()).report());
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

            Future<FrameReport> second =
                    clients.submit(() -> pipeline.process("cam", large()).report());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (registry.get("framepipe.admission.waiting").gauge().value() < 1 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(registry.get("framepipe.admission.waiting").gauge().value())
                    .as("the second frame waits for the processor")
                    .isEqualTo(1);
            assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(PipelineSaturated.class)
                    .hasMessageContaining("no processor was free in time");
            assertThat(registry.get("framepipe.admission.waiting").gauge().value())
                    .isZero();
            assertThat(decoded).as("the shed frame was never decoded").hasValue(1);
            assertThat(refused("queue")).isEqualTo(1);
            assertThat(admission.work().capacityShare()).as("a loss signal").isEqualTo(0.5);

            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.OK);
            assertThat(admission.inFlight()).isZero();
            assertThat(admission.reserved()).isZero();
            assertThat(admission.work().backlog()).isZero();
            assertThat(pipeline.process("cam", large()).report().outcome())
                    .as("the processor is free again")
                    .isEqualTo(Outcome.OK);
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void abandonsALargeFrameCrowdedOutOfTheProcessorsAsLateAndStillAnalysesASmallOne() throws Exception {
        AtomicInteger sized = new AtomicInteger();
        FrameAdmission admission = oneProcessorOneSecond();
        // A detector that computes for 50 ms of processor time, with a checkpoint between slices.
        Detector computing = frame -> {
            compute(TimeUnit.MILLISECONDS.toNanos(50));
            return DETECTION;
        };
        FramePipeline pipeline = oneSecondPipeline(admission, computing, sized::incrementAndGet, () -> {});
        // The crowd: six spinning threads per processor, so the frame's thread gets about a seventh of one.
        AtomicBoolean crowding = new AtomicBoolean(true);
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < 6 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread spinner = new Thread(() -> {
                while (crowding.get()) {
                    Thread.onSpinWait();
                }
            });
            spinner.start();
            crowd.add(spinner);
        }

        long start = System.nanoTime();
        try {
            // 2240x2240 pixels, expected to take 300 ms at the assumed 60 ns per pixel.
            assertThatThrownBy(() -> pipeline.process("cam", EncodedFrame.rawGray8(new byte[2240 * 2240], 2240, 2240)))
                    .isInstanceOf(PipelineSaturated.class)
                    .hasMessageContaining("can no longer finish");
        } finally {
            crowding.set(false);
            for (Thread spinner : crowd) {
                spinner.join();
            }
        }

        assertThat(System.nanoTime() - start)
                .as("abandoned within a few windows, not at the deadline")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(800));
        assertThat(sized).as("nothing after detection ran").hasValue(0);
        assertThat(refused("late")).isEqualTo(1);
        assertThat(admission.work().capacityShare()).as("a loss signal").isEqualTo(0.5);
        assertThat(admission.inFlight()).isZero();
        assertThat(admission.reserved()).isZero();
        assertThat(admission.work().backlog()).isZero();
        assertThat(pipeline.process("cam", EncodedFrame.rawGray8(new byte[64 * 64], 64, 64))
                        .report()
                        .outcome())
                .as("a small frame is analysed")
                .isEqualTo(Outcome.OK);
        assertThat(sized).hasValue(1);
    }

    @Test
    void aClassifierThatOverrunsALargeFramesEstimateIsAbandonedNotAnsweredAsAPartialResult() {
        AtomicInteger sized = new AtomicInteger();
        FrameAdmission admission = oneProcessorOneSecond();
        // Computes until abandoned: past about four fifths of the deadline, a quarter of what it used (x 1.1) no
        // longer fits.
        FramePipeline pipeline =
                oneSecondPipeline(admission, frame -> DETECTION, sized::incrementAndGet, () -> compute(Long.MAX_VALUE));

        assertThatThrownBy(() -> pipeline.process("cam", EncodedFrame.rawGray8(new byte[2240 * 2240], 2240, 2240)))
                .isInstanceOf(PipelineSaturated.class)
                .hasMessageContaining("can no longer finish");

        assertThat(sized).as("sizes ran before the classifier").hasValue(1);
        assertThat(refused("late")).isEqualTo(1);
        assertThat(aggregator.snapshot().overall().frames().partial()).isZero();
        assertThat(aggregator.snapshot().overall().frames().ok()).isZero();
        assertThat(admission.inFlight()).isZero();
        assertThat(admission.reserved()).isZero();
    }

    @Test
    void aLargeFrameWaitingForItsForkedBranchIsStillJudgedAndAbandonedBeforeItsDeadline() {
        PipelineProperties concurrent = new PipelineProperties(
                PipelineProperties.Mode.CONCURRENT, Duration.ofSeconds(1), true, 8, Duration.ofSeconds(1));
        FrameAdmission admission =
                new FrameAdmission(concurrent, AdmissionProperties.defaults(), pixels -> 0, 1, 1L << 30, registry);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        FramePipeline pipeline = new FramePipeline(
                encoded -> new Frame(encoded.width(), encoded.height(), encoded.data()),
                frame -> DETECTION,
                sizer(() -> {
                    awaitQuietly(never);
                    interrupted.set(Thread.currentThread().isInterrupted());
                }),
                classifier(() -> {}),
                aggregator,
                executor(1, 4),
                concurrent,
                admission,
                AnalysisThreads.CALLER);
        pipeline.setAccepting(true);

        long start = System.nanoTime();
        // Forecast to take 300 ms: once 1.1 x the CPU time it still needs no longer fits the time left at its pace, it
        // can no longer finish.
        assertThatThrownBy(() -> pipeline.process("cam", EncodedFrame.rawGray8(new byte[2240 * 2240], 2240, 2240)))
                .isInstanceOf(PipelineSaturated.class)
                .hasMessageContaining("can no longer finish");

        assertThat(System.nanoTime() - start).as("before the deadline").isLessThan(TimeUnit.SECONDS.toNanos(1));
        assertThat(refused("late")).isEqualTo(1);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!interrupted.get() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(interrupted).as("the forked branch was cancelled").isTrue();
        assertThat(admission.inFlight()).isZero();
        assertThat(admission.reserved()).isZero();
    }

    /**
     * Admission for one processor and a one-second deadline: frames expected to take 10 ms or more (at the assumed
     * 60 ns per pixel, from about 400x400 pixels) are large.
     */
    private FrameAdmission oneProcessorOneSecond() {
        return new FrameAdmission(ONE_SECOND, AdmissionProperties.defaults(), pixels -> 0, 1, 1L << 30, registry);
    }

    private FramePipeline oneSecondPipeline(
            FrameAdmission admission, Detector detector, Runnable sizing, Runnable classifying) {
        FramePipeline pipeline = new FramePipeline(
                encoded -> new Frame(encoded.width(), encoded.height(), encoded.data()),
                detector,
                sizer(sizing),
                classifier(classifying),
                aggregator,
                executor(1, 4),
                ONE_SECOND,
                admission,
                AnalysisThreads.CALLER);
        pipeline.setAccepting(true);
        return pipeline;
    }

    /** Frames refused for the cause so far. */
    private double refused(String cause) {
        return registry.get("framepipe.admission.refused")
                .tag("cause", cause)
                .counter()
                .count();
    }

    /** Computes for {@code cpuNanos} of this thread's processor time, with a checkpoint between slices. */
    private static void compute(long cpuNanos) {
        long start = ThreadCpu.now();
        while (ThreadCpu.now() - start < cpuNanos) {
            WorkCheckpoint.check();
        }
    }

    private static EncodedFrame large() {
        return EncodedFrame.rawGray8(new byte[640 * 640], 640, 640);
    }

    /** A pipeline that hands each admitted frame to the threads of {@code analysis} ({@link AnalysisThreads}). */
    private FramePipeline handingOffPipeline(ThreadPoolTaskExecutor analysis, Detector detector) {
        FramePipeline pipeline = new FramePipeline(
                encoded -> new Frame(encoded.width(), encoded.height(), encoded.data()),
                detector,
                sizer(() -> {}),
                classifier(() -> {}),
                aggregator,
                executor(1, 4),
                ONE_SECOND,
                new FrameAdmission(ONE_SECOND, AdmissionProperties.defaults(), pixels -> 0, 2, 1L << 30, registry),
                AnalysisThreads.on(analysis));
        pipeline.setAccepting(true);
        return pipeline;
    }

    private ThreadPoolTaskExecutor analysisExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(2);
        executor.setPrestartAllCoreThreads(true);
        executor.setThreadNamePrefix("test-analysis-");
        executor.initialize();
        executors.add(executor);
        return executor;
    }

    @Test
    void analysesAnAdmittedFrameOnAnAnalysisThreadAndAnswersTheWaitingCaller() {
        List<String> detectedOn = new ArrayList<>();
        FramePipeline pipeline = handingOffPipeline(analysisExecutor(), frame -> {
            detectedOn.add(Thread.currentThread().getName());
            return DETECTION;
        });

        FrameReport report = pipeline.process("cam", frame()).report();

        assertThat(report.outcome()).isEqualTo(Outcome.OK);
        assertThat(report.objectCount()).isEqualTo(1);
        assertThat(detectedOn).singleElement().asString().startsWith("test-analysis-");
        assertThat(aggregator.snapshot().overall().frames().ok()).isEqualTo(1);
        assertThat(pipeline.inFlight()).isZero();
    }

    @Test
    void aStageFailureOnTheAnalysisThreadReachesTheCallerAsItselfAndFreesTheFramesPlace() {
        FramePipeline pipeline = handingOffPipeline(analysisExecutor(), frame -> {
            throw new IllegalStateException("broken detector");
        });

        assertThatThrownBy(() -> pipeline.process("cam", frame()))
                .isInstanceOf(StageFailed.class)
                .hasMessageContaining("detect");
        assertThat(pipeline.inFlight()).isZero();
    }

    @Test
    void aCallerInterruptedWhileItsFrameIsAnalysedStillGetsTheReportAndKeepsTheInterrupt() throws Exception {
        CountDownLatch detecting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FramePipeline pipeline = handingOffPipeline(analysisExecutor(), frame -> {
            detecting.countDown();
            awaitQuietly(release);
            return DETECTION;
        });
        ExecutorService clients = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> keptInterrupt = clients.submit(() -> {
                FrameReport report = pipeline.process("cam", frame()).report();
                return report.outcome() == Outcome.OK && Thread.currentThread().isInterrupted();
            });
            assertThat(detecting.await(5, TimeUnit.SECONDS)).isTrue();
            clients.shutdownNow(); // interrupts the caller while the analysis thread detects
            release.countDown();
            assertThat(keptInterrupt.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(aggregator.snapshot().overall().frames().ok()).isEqualTo(1);
        } finally {
            release.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void refusesFramesUntilTheStagesAreInitialised() {
        FramePipeline pipeline =
                pipeline(PipelineProperties.defaults(), executor(1, 4), sizer(() -> {}), classifier(() -> {}));
        pipeline.setAccepting(false);
        assertThatThrownBy(() -> pipeline.process("cam", frame())).isInstanceOf(ServiceNotReady.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

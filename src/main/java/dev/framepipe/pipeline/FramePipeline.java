package dev.framepipe.pipeline;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameDecoder;
import dev.framepipe.frame.FrameHeader;
import dev.framepipe.frame.WorkCheckpoint;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.FrameObservation;
import dev.framepipe.stats.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;

/**
 * Runs one frame through the stages: the calling thread admits it and hands it to an analysis thread
 * ({@link AnalysisThreads}), which decodes and detects, then runs the classifier while the size
 * estimator runs on the stage executor, then the aggregator. The shape of the original Python controller, without copying: the immutable
 * {@link Detection} is shared by both branches. In {@code auto} mode ({@link ForkPolicy}) the size
 * estimator is forked only while that is expected to pay, and runs inline otherwise.
 *
 * <p>Thread-safe. {@link FrameAdmission} bounds the frames in flight, the memory they reserve and
 * the work they bring before a frame is decoded (waiting at most {@code framepipe.admission.max-wait}
 * for room); every wait after admission has the frame's
 * deadline; a failed branch is reported with its stage's name. When the executor refuses the
 * branch (queue full, shutting down) it runs on the caller instead and
 * {@code framepipe.branch.inline} counts it. {@code framepipe.branch.start.delay} times each forked
 * branch from its hand-off to its first instruction on a worker. Its meters are bound by {@link #metrics()}.
 */
public class FramePipeline {

    /** While at most this many frames per processor are in flight, an analysis thread spins briefly before parking to join its branch. */
    private static final long JOIN_SPIN_NANOS = 100_000;
    /** How long the analysis thread waits for a forked branch between two checkpoints. */
    private static final long JOIN_CHECK_NANOS = 5_000_000;

    private static final Logger log = LoggerFactory.getLogger(FramePipeline.class);

    private final FrameDecoder decoder;
    private final Detector detector;
    private final SizeEstimator sizeEstimator;
    private final Classifier classifier;
    private final Aggregator aggregator;
    private final AsyncTaskExecutor executor;
    private final PipelineProperties properties;
    private final FrameAdmission admission;
    private final AnalysisThreads analysisThreads;
    private final ForkPolicy forkPolicy = new ForkPolicy();
    private final PipelineMetrics metrics = new PipelineMetrics(forkPolicy);
    private final int processors = Runtime.getRuntime().availableProcessors();
    private volatile boolean accepting;

    /**
     * A pipeline with the default admission bounds (budget from the heap, detector's default scratch), for use
     * outside Spring, analysing each frame on the calling thread: its meters and the admission's are bound to
     * {@code registry} (the aggregator's are not).
     */
    public FramePipeline(
            FrameDecoder decoder,
            Detector detector,
            SizeEstimator sizeEstimator,
            Classifier classifier,
            Aggregator aggregator,
            AsyncTaskExecutor executor,
            PipelineProperties properties,
            MeterRegistry registry) {
        this(
                decoder,
                detector,
                sizeEstimator,
                classifier,
                aggregator,
                executor,
                properties,
                new FrameAdmission(
                        properties,
                        AdmissionProperties.defaults(),
                        DetectorProperties.defaults()::scratchBytes,
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory(),
                        registry),
                AnalysisThreads.CALLER);
        metrics.bindTo(registry);
    }

    /**
     * A pipeline whose meters count once {@link #metrics()} is bound, analysing each admitted frame on
     * {@code analysisThreads} while the calling thread waits ({@link AnalysisThreads#CALLER}: on the calling thread).
     */
    public FramePipeline(
            FrameDecoder decoder,
            Detector detector,
            SizeEstimator sizeEstimator,
            Classifier classifier,
            Aggregator aggregator,
            AsyncTaskExecutor executor,
            PipelineProperties properties,
            FrameAdmission admission,
            AnalysisThreads analysisThreads) {
        this.decoder = decoder;
        this.detector = detector;
        this.sizeEstimator = sizeEstimator;
        this.classifier = classifier;
        this.aggregator = aggregator;
        this.executor = executor;
        this.properties = properties;
        this.admission = admission;
        this.analysisThreads = analysisThreads;
    }

    /** The binder of this pipeline's meters (see {@link PipelineMetrics}), declared as a bean; bound to one registry. */
    public MeterBinder metrics() {
        return metrics;
    }

    /** Opens or closes admission; closed frames get {@link ServiceNotReady}. */
    void setAccepting(boolean accepting) {
        this.accepting = accepting;
    }

    /** Whether frames are admitted (stages initialised and not shutting down). */
    public boolean isAccepting() {
        return accepting;
    }

    /** Frames being analysed now. */
    public int inFlight() {
        return admission.inFlight();
    }

    /** The admission bounds (in flight, memory, work). */
    public FrameAdmission admission() {
        return admission;
    }

    /** The configured settings. */
    public PipelineProperties properties() {
        return properties;
    }

    /**
     * Analyses one frame and counts it.
     *
     * @param stream  a stream name admitted by {@link Aggregator#admitStream}
     * @param encoded the frame as it arrived; not modified
     * @return the report and the decoded frame
     * @throws ServiceNotReady   before the stages are initialised or while shutting down
     * @throws PipelineSaturated when a bound of {@link FrameAdmission} has no room
     * @throws DeadlineExceeded  when the frame takes longer than the deadline
     * @throws StageFailed       when a stage fails and no partial result is allowed or possible
     * @throws RuntimeException  the decoder's typed exceptions for bad input; {@code FrameTooLarge} also
     *                           when the frame alone needs more memory than the budget
     */
    public PipelineResult process(String stream, EncodedFrame encoded) {
        return process(stream, encoded, null, admission.maxWait());
    }

    /**
     * Analyses one frame with the given detector options and counts it; see {@link #process(String, EncodedFrame)}.
     *
     * @param options the detector options of this frame (its stream's and request's), or {@code null} for the
     *                detector's own defaults
     */
    public PipelineResult process(String stream, EncodedFrame encoded, @Nullable DetectorOptions options) {
        return process(stream, encoded, options, admission.maxWait());
    }

    /**
     * {@link #process(String, EncodedFrame, DetectorOptions)}, waiting up to {@code maxWait} for room in the
     * admission bounds ({@link Duration#ZERO}: refuse at once; longer: for callers that queue frames, such as
     * batches). The frame's deadline starts when it is admitted.
     */
    public PipelineResult process(
            String stream, EncodedFrame encoded, @Nullable DetectorOptions options, Duration maxWait) {
        checkAdmissible();
        FrameHeader header = decoder.header(encoded);
        try (FrameAdmission.Admitted admitted = admission.admit(header, encoded.data().length, maxWait)) {
            long admittedAt = System.nanoTime();
            return analysisThreads.call(() -> analyseAdmitted(stream, encoded, options, admitted, admittedAt));
        }
    }

    /** Analyses an admitted frame on the thread that calls it: its processor, its watch, its stages. */
    private PipelineResult analyseAdmitted(
            String stream,
            EncodedFrame encoded,
            @Nullable DetectorOptions options,
            FrameAdmission.Admitted admitted,
            long admittedAt) {
        long deadline = admittedAt + properties.deadline().toNanos();
        admitted.start(deadline);
        long cpuStart = ThreadCpu.now();
        DeadlineWatch watch = admitted.watch(deadline);
        boolean answered = false;
        try (WorkCheckpoint.Scope watched = WorkCheckpoint.watch(watch)) {
            PipelineResult result = analyse(stream, encoded, options, admitted, admittedAt, deadline, cpuStart);
            answered = true;
            return result;
        } catch (DeadlineExceeded missed) {
            admitted.missedDeadline(ThreadCpu.now() - cpuStart);
            throw missed;
        } finally {
            if (watch != null) {
                watch.ended(answered);
            }
        }
    }

    /**
     * Refuses now, as {@link #process} would, when the pipeline is closed or every in-flight place
     * is taken; for callers that can refuse before reading the frame's body. Takes no place: a
     * frame that passes may still be refused by {@link #process}.
     *
     * @throws ServiceNotReady   before the stages are initialised or while shutting down
     * @throws PipelineSaturated when every in-flight place is taken or the work in flight is full
     */
    public void checkAdmissible() {
        checkAdmissible(-1);
    }

    /**
     * {@link #checkAdmissible()}, and also refuses a body of {@code bodyBytes} for which the memory
     * budget has no room now (or ever: {@code FrameTooLarge}).
     *
     * @param bodyBytes the declared body length, -1 when unknown
     */
    public void checkAdmissible(long bodyBytes) {
        if (!accepting) {
            throw new ServiceNotReady("the pipeline is not accepting frames (starting up or shutting down)");
        }
        admission.check(bodyBytes);
    }

    /**
     * {@link #checkAdmissible()}, and also refuses a frame whose header, read from the first bytes of its
     * body, says it could not be admitted now; otherwise holds room in the work in flight while the rest of its
     * body arrives ({@link FrameAdmission#hold}), so a service busy with large frames does not read more large
     * bodies than it can take, only to refuse them. A frame whose header cannot be read from these bytes
     * passes without a hold.
     *
     * @param head the frame with the first bytes of its body (or all of it)
     * @return the hold, to be closed before the frame is processed; empty when the header could not be read
     * @throws PipelineSaturated when the memory or the work in flight has no room for this frame now
     * @throws RuntimeException  {@code FrameTooLarge} when the frame alone needs more memory than the budget
     */
    public Optional<WorkAdmission.Hold> holdRoom(EncodedFrame head) {
        checkAdmissible();
        FrameHeader header = decoder.header(head);
        return header.known() ? Optional.of(admission.hold(header)) : Optional.empty();
    }

    private PipelineResult analyse(
            String stream,
            EncodedFrame encoded,
            @Nullable DetectorOptions options,
            FrameAdmission.Admitted admitted,
            long start,
            long deadline,
            long cpuStart) {
        Map<String, Long> micros = new LinkedHashMap<>();

        Stage running = Stage.DECODE;
        Frame frame;
        Detection detection;
        try {
            frame = timed(Stage.DECODE, micros, () -> decoder.decode(encoded));
            running = Stage.DETECT;
            WorkCheckpoint.check();
            detection = timed(Stage.DETECT, micros, () -> {
                try {
                    return options == null ? detector.detect(frame) : detector.detect(frame, options);
                } catch (WorkCheckpoint.Abandoned abandoned) {
                    throw abandoned;
                } catch (RuntimeException e) {
                    throw new StageFailed(Stage.DETECT.tag(), "stage 'detect' " + StageFailure.UNEXPECTED, e);
                }
            });
        } catch (DeadlineWatch.Abandon abandon) {
            throw abandoned(abandon, running, admitted);
        }
        checkDeadline(Stage.DETECT, deadline);

        Branch<List<ObjectSize>> sizes = new Branch<>(Stage.SIZE, () -> sizeEstimator.estimate(detection));
        Branch<FrameClassification> classes = new Branch<>(Stage.CLASSIFY, () -> classifier.classify(frame, detection));
        ForkPolicy.Decision decision = switch (properties.mode()) {
            case CONCURRENT -> ForkPolicy.Decision.FORK;
            case SEQUENTIAL -> ForkPolicy.Decision.INLINE;
            case AUTO -> forkPolicy.decide();
        };
        long middleStart = System.nanoTime();
        if (decision.forks()) {
            metrics.mode(true);
            FutureTask<Void> forked = fork(sizes);
            classes.run();
            if (classes.abandoned != null) {
                forked.cancel(true);
            } else {
                try {
                    join(forked, deadline);
                } catch (DeadlineWatch.Abandon abandon) {
                    throw abandoned(abandon, Stage.SIZE, admitted);
                }
                forkPolicy.recordFork(decision, System.nanoTime() - middleStart, sizes.nanos, classes.nanos);
            }
        } else {
            metrics.mode(false);
            sizes.run();
            if (sizes.abandoned == null) {
                checkDeadline(Stage.SIZE, deadline);
                classes.run();
                forkPolicy.recordInline(sizes.nanos, classes.nanos);
            }
        }
        // Either branch may have run on this (watched) thread: inline, or forked but run here when the executor
        // refused it.
        for (Branch<?> branch : List.of(sizes, classes)) {
            if (branch.abandoned != null) {
                throw abandoned(branch.abandoned, branch.stage, admitted);
            }
        }
        checkDeadline(Stage.CLASSIFY, deadline);
        micros.put(Stage.SIZE.tag(), sizes.nanos / 1_000);
        micros.put(Stage.CLASSIFY.tag(), classes.nanos / 1_000);
        metrics.stage(Stage.SIZE, sizes.nanos);
        metrics.stage(Stage.CLASSIFY, classes.nanos);

        List<StageFailure> failures = new ArrayList<>();
        sizes.failure().ifPresent(failures::add);
        classes.failure().ifPresent(failures::add);
        if (failures.size() == 2 || (!failures.isEmpty() && !properties.partialResults())) {
            Branch<?> failed = sizes.error != null ? sizes : classes;
            throw new StageFailed(
                    failed.stage.tag(),
                    "stage '" + failed.stage + "' failed: " + failures.get(0).message(),
                    failed.error);
        }
        Outcome outcome = failures.isEmpty() ? Outcome.OK : Outcome.PARTIAL;
        for (Branch<?> branch : List.of(sizes, classes)) {
            if (branch.error != null) {
                log.warn(
                        "Stage '{}' failed on a frame of stream '{}'; answering a partial result",
                        branch.stage,
                        stream,
                        branch.error);
            }
        }

        FrameClassification classified = classes.value;
        List<FrameReport.ObjectReport> objects =
                objects(detection, sizes.value, classified == null ? null : classified.objects());
        // The aggregator times itself: its statistics, this report and the stage timer share that one measurement.
        long aggregateNanos = aggregator.record(stream, observation(outcome, micros, objects));
        micros.put(Stage.AGGREGATE.tag(), aggregateNanos / 1_000);
        metrics.stage(Stage.AGGREGATE, aggregateNanos);
        long total = System.nanoTime() - start;
        micros.put("total", total / 1_000);
        metrics.frame(total);

        FrameReport report = new FrameReport(
                UUID.randomUUID().toString(),
                stream,
                frame.width(),
                frame.height(),
                outcome,
                detection.threshold(),
                detection.polarity().name(),
                objects.size(),
                detection.truncated(),
                countsByClass(objects, classified),
                objects,
                micros,
                failures,
                detection.thresholdMethod().name(),
                detection.polarityRule().name(),
                detection.options().asParameters(),
                classified == null ? null : classified.model());
        log.debug("frame {} on stream {}: {} objects, {} us", report.frameId(), stream, objects.size(), total / 1_000);
        // The frame's processor time: this thread's, and the forked branch's if another thread ran it.
        admitted.finished(ThreadCpu.now() - cpuStart + (sizes.thread != Thread.currentThread() ? sizes.cpuNanos : 0));
        return new PipelineResult(report, frame);
    }

    private FutureTask<Void> fork(Branch<?> branch) {
        FutureTask<Void> task = new FutureTask<>(branch, null);
        branch.handedOff = System.nanoTime();
        try {
            executor.execute(task);
        } catch (TaskRejectedException e) {
            metrics.branchInline();
            branch.handedOff = 0;
            task.run();
        }
        return task;
    }

    private void join(Future<?> forked, long deadline) {
        if (inFlight() <= processors) {
            // Few frames in flight: cores are free, and a short spin avoids a parked thread's slow wake-up.
            long spinEnd = System.nanoTime() + JOIN_SPIN_NANOS;
            while (!forked.isDone() && System.nanoTime() - spinEnd < 0) {
                // Yield, not onSpinWait: the branch's worker may be queued on this very processor.
                Thread.yield();
            }
        }
        try {
            // In slices, with a checkpoint between them: a watched frame waiting for its branch is still judged.
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    forked.get(Math.max(0, Math.min(left, JOIN_CHECK_NANOS)), TimeUnit.NANOSECONDS);
                    return;
                } catch (TimeoutException e) {
                    if (left <= JOIN_CHECK_NANOS) {
                        forked.cancel(true);
                        throw new DeadlineExceeded(Stage.SIZE.tag(), properties.deadline());
                    }
                    try {
                        WorkCheckpoint.check();
                    } catch (WorkCheckpoint.Abandoned abandoned) {
                        forked.cancel(true);
                        throw abandoned;
                    }
                }
            }
        } catch (InterruptedException e) {
            forked.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeadlineExceeded(Stage.SIZE.tag(), properties.deadline());
        } catch (ExecutionException | CancellationException e) {
            // Branch.run() catches everything the stage throws; nothing else can arrive here.
            throw new IllegalStateException("forked branch ended abnormally", e);
        }
    }

    /**
     * What a frame abandoned by its {@link DeadlineWatch} answers: 504 when its deadline had passed, otherwise
     * 503 (cause {@code late}).
     */
    private RuntimeException abandoned(DeadlineWatch.Abandon abandon, Stage running, FrameAdmission.Admitted admitted) {
        return abandon.overdue()
                ? new DeadlineExceeded(running.tag(), properties.deadline())
                : admitted.abandoned(abandon);
    }

    private void checkDeadline(Stage stage, long deadline) {
        if (System.nanoTime() - deadline > 0) {
            throw new DeadlineExceeded(stage.tag(), properties.deadline());
        }
    }

    private <T> T timed(Stage stage, Map<String, Long> micros, Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        long elapsed = System.nanoTime() - start;
        micros.put(stage.tag(), elapsed / 1_000);
        metrics.stage(stage, elapsed);
        return result;
    }

    private static List<FrameReport.ObjectReport> objects(
            Detection detection, List<ObjectSize> sizes, List<Classification> classes) {
        List<DetectedObject> detected = detection.objects();
        List<FrameReport.ObjectReport> objects = new ArrayList<>(detected.size());
        for (int i = 0; i < detected.size(); i++) {
            DetectedObject o = detected.get(i);
            ObjectSize size = sizes == null ? null : sizes.get(i);
            Classification c = classes == null ? null : classes.get(i);
            objects.add(new FrameReport.ObjectReport(
                    o.id(),
                    o.box(),
                    o.centroid(),
                    o.area(),
                    o.perimeter(),
                    o.touchesBorder(),
                    size,
                    c == null ? null : c.label(),
                    c == null ? null : c.confidence(),
                    c == null ? null : c.features(),
                    o.holes(),
                    o.holeArea()));
        }
        return objects;
    }

    private Map<String, Integer> countsByClass(List<FrameReport.ObjectReport> objects, FrameClassification classified) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        (classified != null ? classified.model().labels() : classifier.labels()).forEach(label -> counts.put(label, 0));
        for (FrameReport.ObjectReport object : objects) {
            counts.merge(object.label() == null ? Aggregator.UNCLASSIFIED : object.label(), 1, Integer::sum);
        }
        return counts;
    }

    private static FrameObservation observation(
            Outcome outcome, Map<String, Long> micros, List<FrameReport.ObjectReport> objects) {
        List<FrameObservation.ObjectObservation> observed = new ArrayList<>(objects.size());
        for (FrameReport.ObjectReport object : objects) {
            observed.add(new FrameObservation.ObjectObservation(
                    object.label(),
                    object.size() == null ? Double.NaN : object.size().equivalentDiameter()));
        }
        return new FrameObservation(outcome, micros, observed);
    }

    /** One middle stage: its result or its error, and its own running time. */
    private final class Branch<T> implements Runnable {

        private final Stage stage;
        private final Supplier<T> work;
        private volatile T value;
        private volatile Throwable error;
        /** Set when the frame's {@link DeadlineWatch} abandoned it in this branch: not a failure of the stage. */
        private volatile DeadlineWatch.@Nullable Abandon abandoned;

        private volatile long nanos;
        /** Processor time of the thread that ran it, while it ran. */
        private volatile long cpuNanos;
        /** The thread that ran it. */
        private volatile Thread thread;
        /** When it was handed to the executor (0 when it runs on the analysis thread). */
        private volatile long handedOff;

        Branch(Stage stage, Supplier<T> work) {
            this.stage = stage;
            this.work = work;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            long handed = handedOff;
            if (handed != 0) {
                metrics.startDelay(start - handed);
            }
            long cpuStart = ThreadCpu.now();
            try {
                value = work.get();
            } catch (DeadlineWatch.Abandon e) {
                abandoned = e;
            } catch (RuntimeException | StackOverflowError e) {
                error = e;
            } finally {
                cpuNanos = ThreadCpu.now() - cpuStart;
                thread = Thread.currentThread();
                nanos = System.nanoTime() - start;
            }
        }

        java.util.Optional<StageFailure> failure() {
            return error == null
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(StageFailure.of(stage.tag(), error));
        }
    }
}

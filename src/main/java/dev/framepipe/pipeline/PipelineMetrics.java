package dev.framepipe.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one {@link FramePipeline}: {@code framepipe.stage.duration} per stage,
 * {@code framepipe.frame.duration}, {@code framepipe.branch.inline}, {@code framepipe.branch.start.delay},
 * {@code framepipe.branch.mode} and {@code framepipe.fork.handoff}. The pipeline records into it; the
 * meters exist once it is bound to a registry (Spring binds the bean {@link FramePipeline#metrics()} at
 * start-up), and record nothing before. Bound to one registry at most. Thread-safe.
 */
final class PipelineMetrics implements MeterBinder {

    private final ForkPolicy forkPolicy;
    /** {@code null} until bound. */
    private volatile @Nullable Meters meters;

    PipelineMetrics(ForkPolicy forkPolicy) {
        this.forkPolicy = forkPolicy;
    }

    /** @throws IllegalStateException when already bound to another registry */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Meters bound = meters;
        if (bound != null) {
            if (bound.registry != registry) {
                throw new IllegalStateException("the pipeline's meters are already bound to another registry");
            }
            return;
        }
        meters = new Meters(registry, forkPolicy);
    }

    /** One stage's time on one frame. */
    void stage(Stage stage, long nanos) {
        Meters m = meters;
        if (m != null) {
            m.stageTimers[stage.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** One analysed frame's time from admission to report. */
    void frame(long nanos) {
        Meters m = meters;
        if (m != null) {
            m.frameTimer.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A forked branch the executor refused, run on the analysis thread. */
    void branchInline() {
        Meters m = meters;
        if (m != null) {
            m.inlineBranches.increment();
        }
    }

    /** A forked branch's wait from its hand-off to its start on a worker. */
    void startDelay(long nanos) {
        Meters m = meters;
        if (m != null) {
            m.startDelay.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** A frame whose size estimator was forked ({@code true}) or run inline. */
    void mode(boolean forked) {
        Meters m = meters;
        if (m != null) {
            (forked ? m.forkedFrames : m.inlineFrames).increment();
        }
    }

    /** The meters as registered in one registry. */
    private static final class Meters {

        private final MeterRegistry registry;
        private final Timer[] stageTimers = new Timer[Stage.values().length];
        private final Timer frameTimer;
        private final Counter inlineBranches;
        private final Timer startDelay;
        private final Counter forkedFrames;
        private final Counter inlineFrames;

        Meters(MeterRegistry registry, ForkPolicy forkPolicy) {
            this.registry = registry;
            for (Stage stage : Stage.values()) {
                stageTimers[stage.ordinal()] = Timer.builder("framepipe.stage.duration")
                        .tag("stage", stage.tag())
                        .description("Time spent in one pipeline stage per frame")
                        .publishPercentileHistogram()
                        .register(registry);
            }
            this.frameTimer = Timer.builder("framepipe.frame.duration")
                    .description("Time from admission to report per analysed frame")
                    .publishPercentileHistogram()
                    .register(registry);
            this.inlineBranches = Counter.builder("framepipe.branch.inline")
                    .description("Forked branches run on the analysis thread because the stage executor refused them")
                    .register(registry);
            this.startDelay = Timer.builder("framepipe.branch.start.delay")
                    .description("Time from handing the forked branch to the stage executor until it starts running")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(1_000))
                    .maximumExpectedValue(Duration.ofMillis(100))
                    .publishPercentiles(0.5, 0.99)
                    .register(registry);
            this.forkedFrames = Counter.builder("framepipe.branch.mode")
                    .tag("mode", "forked")
                    .description("Frames whose size estimator was forked or run inline (auto mode decides per frame)")
                    .register(registry);
            this.inlineFrames = Counter.builder("framepipe.branch.mode")
                    .tag("mode", "inline")
                    .description("Frames whose size estimator was forked or run inline (auto mode decides per frame)")
                    .register(registry);
            Gauge.builder(
                            "framepipe.fork.handoff",
                            forkPolicy,
                            p -> Double.isNaN(p.handoffNanos()) ? 0 : p.handoffNanos() / 1e9)
                    .description("Cost of forking as auto mode estimates it: a forked frame's middle section minus the"
                            + " longer stage's time inline, the mean of the recent steady forks")
                    .baseUnit("seconds")
                    .register(registry);
        }
    }
}

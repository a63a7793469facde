package dev.framepipe.testing;

import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.frame.Frame;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The one set of failing and slow stage decorators for fault tests: the real detector, size estimator and
 * classifier behind a switch that makes them throw, hang, sleep or wait at a gate. Bean methods only (no
 * stereotype), so only the tests that name this class in {@code @SpringBootTest(classes = ...)} get it. The
 * decorators forward everything else (per-frame detector options, initialisation, labels, model, model
 * replacement) to the real stage.
 *
 * <p>The switch is static (the test and the server share a JVM); tests set it and reset it
 * with {@link #reset()}.
 */
public final class FaultyStages {

    /** What a stage does instead of (or before) its work. */
    public enum Fault {
        /** The real work. */
        NONE,
        /** A realistic bug: a NullPointerException with the JDK's helpful message naming classes. */
        THROW,
        /** Blocks until interrupted (or a minute). */
        HANG,
        /** Sleeps {@link #slowMillis}, ignoring interrupts, then does the work. */
        SLOW,
        /** Waits at {@link #gate}, then does the work. */
        GATE
    }

    public static final Map<String, Fault> FAULTS = new java.util.concurrent.ConcurrentHashMap<>();
    public static volatile long slowMillis = 1_000;
    public static volatile CountDownLatch gate = new CountDownLatch(0);
    /** Hanging stages that saw their thread interrupted. */
    public static final AtomicInteger INTERRUPTED = new AtomicInteger();
    /** Hanging stages that are still blocked. */
    public static final AtomicInteger HANGING = new AtomicInteger();
    /** Stages running a {@link Fault#SLOW} or {@link Fault#GATE} fault now, and the most ever at once. */
    public static final AtomicInteger RUNNING = new AtomicInteger();

    public static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    /** Stages that entered the gate and have not left it. */
    public static final AtomicInteger AT_GATE = new AtomicInteger();

    public static void reset() {
        FAULTS.clear();
        slowMillis = 1_000;
        gate.countDown();
        gate = new CountDownLatch(0);
        INTERRUPTED.set(0);
        MAX_RUNNING.set(0);
    }

    public static void set(String stage, Fault fault) {
        FAULTS.put(stage, fault);
    }

    /** Runs the fault set for {@code stage} ({@code detect}, {@code size} or {@code classify}), if any. */
    public static void apply(String stage) {
        switch (FAULTS.getOrDefault(stage, Fault.NONE)) {
            case THROW -> {
                List<String> missing = missing();
                missing.size(); // a real NullPointerException, as a bug would throw it
            }
            case HANG -> {
                HANGING.incrementAndGet();
                try {
                    Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                } catch (InterruptedException e) {
                    INTERRUPTED.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while hanging");
                } finally {
                    HANGING.decrementAndGet();
                }
            }
            case SLOW -> {
                MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(slowMillis);
                long left;
                while ((left = until - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(left);
                    } catch (InterruptedException ignored) {
                        // a stage that does not answer interrupts
                    }
                }
                RUNNING.decrementAndGet();
            }
            case GATE -> {
                MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
                AT_GATE.incrementAndGet();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    AT_GATE.decrementAndGet();
                    RUNNING.decrementAndGet();
                }
            }
            default -> {}
        }
    }

    private static List<String> missing() {
        return null;
    }

    @Bean
    @Primary
    Detector faultyDetector(List<Detector> detectors) {
        Detector real = detectors.stream()
                .filter(d -> !(d instanceof FaultyDetector))
                .findFirst()
                .orElseThrow();
        return new FaultyDetector(real);
    }

    @Bean
    @Primary
    SizeEstimator faultySizeEstimator(SizingProperties properties) {
        return new FaultySizeEstimator(SizeEstimators.create(properties));
    }

    @Bean
    @Primary
    Classifier faultyClassifier(List<Classifier> classifiers) {
        Classifier real = classifiers.stream()
                .filter(c -> !(c instanceof FaultyClassifier))
                .findFirst()
                .orElseThrow();
        return new FaultyClassifier(real);
    }

    public record FaultyDetector(Detector real) implements Detector {
        @Override
        public Detection detect(Frame frame) {
            apply("detect");
            return real.detect(frame);
        }

        @Override
        public Detection detect(Frame frame, DetectorOptions options) {
            apply("detect");
            return real.detect(frame, options);
        }

        @Override
        public void initialise() {
            real.initialise();
        }
    }

    public record FaultySizeEstimator(SizeEstimator real) implements SizeEstimator {
        @Override
        public List<ObjectSize> estimate(Detection detection) {
            apply("size");
            return real.estimate(detection);
        }

        @Override
        public void initialise() {
            real.initialise();
        }
    }

    public record FaultyClassifier(Classifier real) implements Classifier {
        @Override
        public FrameClassification classify(Frame frame, Detection detection) {
            apply("classify");
            return real.classify(frame, detection);
        }

        @Override
        public List<String> labels() {
            return real.labels();
        }

        @Override
        public ModelIdentity model() {
            return real.model();
        }

        @Override
        public ModelIdentity replaceModel(byte[] model) {
            return real.replaceModel(model);
        }

        @Override
        public void initialise() {
            real.initialise();
        }
    }
}

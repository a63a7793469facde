package dev.framepipe.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The last stage: running statistics per stream and overall, and the meters that carry them.
 *
 * <p>Thread-safe. Every frame is counted exactly once: an analysed frame through
 * {@link #record}, a refused or failed one through {@link #countRefusal}. The number of stream
 * names is bounded by {@link StatsProperties#maxStreams()}, which bounds the cardinality of
 * the {@code stream} tag too.
 *
 * <p>Its meters ({@code framepipe.frames}, {@code framepipe.objects}, {@code framepipe.object.size},
 * {@code framepipe.fps}) are registered by the binder {@link #metrics()}, declared as a bean; until it
 * is bound the statistics are kept but no meter counts.
 */
public class Aggregator {

    /** Stream names: a letter or digit, then up to 63 letters, digits, '.', '_' or '-'. */
    public static final Pattern STREAM_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The stream of a frame posted without one. */
    public static final String DEFAULT_STREAM = "default";
    /** Where frames of streams beyond the limit are counted when folding. */
    public static final String OTHER_STREAM = "other";
    /** The class of objects whose classification failed. */
    public static final String UNCLASSIFIED = "unclassified";
    /** The {@code stream} tag of refusals whose stream name was not admitted. */
    static final String NO_STREAM_TAG = "_none";
    /** The stage this class times, as named in the statistics' {@code stageLatencyMicros}. */
    static final String AGGREGATE_STAGE = "aggregate";

    private final StatsProperties properties;
    private final Metrics metrics = new Metrics();
    /** Where the meters are registered; {@code null} until {@link #metrics()} is bound. */
    private volatile @Nullable MeterRegistry registry;

    private final ConcurrentMap<String, StreamState> streams = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DistributionSummary> sizeByClass = new ConcurrentHashMap<>();
    private final StreamAccumulator overall;

    public Aggregator(StatsProperties properties) {
        this.properties = properties;
        this.overall = new StreamAccumulator("*", properties.fpsWindow(), Instant.now(), System.nanoTime());
    }

    /**
     * The stream a frame is counted under before its name is checked: the requested name, or
     * {@value #DEFAULT_STREAM} when the request names none. The one place that default is applied.
     *
     * @param requested the {@code stream} parameter as sent, or {@code null} when absent
     */
    public static String streamName(@Nullable String requested) {
        return requested == null || requested.isBlank() ? DEFAULT_STREAM : requested;
    }

    /**
     * Admits a stream name, creating its statistics on first use.
     *
     * @param requested the name from the request; {@code null} or blank means {@value #DEFAULT_STREAM}
     * @return the name the frame is counted under
     * @throws InvalidStreamName   when the name does not match {@link #STREAM_PATTERN}
     * @throws StreamLimitReached  when the name is new, the limit is reached and the policy is to reject
     */
    public String admitStream(String requested) {
        String name = streamName(requested);
        if (!STREAM_PATTERN.matcher(name).matches()) {
            throw new InvalidStreamName("stream name must match " + STREAM_PATTERN.pattern() + " (1 to 64 characters)");
        }
        if (streams.containsKey(name)) {
            return name;
        }
        synchronized (streams) {
            if (streams.containsKey(name)) {
                return name;
            }
            if (streams.size() >= properties.maxStreams() && !name.equals(OTHER_STREAM)) {
                if (properties.streamOverflow() == StatsProperties.Overflow.REJECT) {
                    throw new StreamLimitReached("at most " + properties.maxStreams() + " streams are tracked;"
                            + " reset one with DELETE /api/v1/stats/{stream} or raise framepipe.stats.max-streams");
                }
                return admitStream(OTHER_STREAM);
            }
            streams.put(name, new StreamState(name));
            return name;
        }
    }

    /**
     * The binder of this aggregator's meters, to be bound to one registry (Spring binds it at start-up).
     * Streams tracked before it is bound get their meters then.
     *
     * @throws IllegalStateException from {@link MeterBinder#bindTo} when it is already bound to another registry
     */
    public MeterBinder metrics() {
        return metrics;
    }

    /**
     * Counts an analysed frame, and its own running time as the {@value #AGGREGATE_STAGE} stage.
     *
     * @param stream a name returned by {@link #admitStream}
     * @param frame  what was found
     * @return the nanoseconds this call took: the one measurement of the {@value #AGGREGATE_STAGE}
     *         stage, which the statistics have counted (in whole microseconds) and the caller reports
     */
    public long record(String stream, FrameObservation frame) {
        long start = System.nanoTime();
        StreamState state = state(stream);
        state.accumulator.record(frame, start);
        overall.record(frame, start);
        StreamMeters meters = state.meters;
        if (meters != null) {
            meters.frames(frame.outcome()).increment();
            for (FrameObservation.ObjectObservation object : frame.objects()) {
                String label = object.label() == null ? UNCLASSIFIED : object.label();
                meters.objects(label).increment();
                if (!Double.isNaN(object.equivalentDiameter())) {
                    sizeSummary(label).record(object.equivalentDiameter());
                }
            }
        }
        long nanos = System.nanoTime() - start;
        state.accumulator.addStageMicros(AGGREGATE_STAGE, nanos / 1_000);
        overall.addStageMicros(AGGREGATE_STAGE, nanos / 1_000);
        return nanos;
    }

    /**
     * Counts a frame that was not analysed.
     *
     * @param stream  the admitted stream name, or {@code null} when the name was not admitted
     * @param outcome {@link Outcome#REJECTED} or {@link Outcome#FAILED}
     */
    public void countRefusal(String stream, Outcome outcome) {
        StreamState state = stream == null ? null : streams.get(stream);
        StreamMeters meters = state == null ? null : state.meters;
        if (state != null) {
            state.accumulator.countRefusal(outcome);
        }
        if (meters != null) {
            meters.frames(outcome).increment();
        } else if (state == null && registry != null) {
            frames(registry, NO_STREAM_TAG, outcome.tag()).increment();
        }
        overall.countRefusal(outcome);
    }

    /** Statistics overall and for every stream. */
    public StatsSnapshot snapshot() {
        long now = System.nanoTime();
        Map<String, StreamStatistics> perStream = new TreeMap<>();
        streams.forEach((name, state) -> perStream.put(name, state.accumulator.snapshot(now)));
        return new StatsSnapshot(overall.snapshot(now), perStream);
    }

    /** Statistics of one stream, if it is tracked. */
    public Optional<StreamStatistics> snapshot(String stream) {
        StreamState state = stream == null ? null : streams.get(stream);
        return Optional.ofNullable(state).map(s -> s.accumulator.snapshot(System.nanoTime()));
    }

    /**
     * Forgets a stream: its statistics and its per-stream meters (Prometheus treats the
     * counters' disappearance as a reset). The overall statistics keep its frames.
     *
     * @return whether the stream was tracked
     */
    public boolean reset(String stream) {
        synchronized (streams) {
            StreamState removed = streams.remove(stream);
            if (removed != null) {
                removed.removeMeters();
            }
            return removed != null;
        }
    }

    /** Number of streams tracked. */
    public int streamCount() {
        return streams.size();
    }

    private StreamState state(String stream) {
        StreamState state = streams.get(stream);
        return state != null ? state : streams.get(admitStream(stream));
    }

    private DistributionSummary sizeSummary(String label) {
        DistributionSummary summary = sizeByClass.get(label);
        return summary != null
                ? summary
                : sizeByClass.computeIfAbsent(
                        label,
                        l -> DistributionSummary.builder("framepipe.object.size")
                                .tag("class", l)
                                .description("Equivalent circular diameter of the objects found")
                                .baseUnit("pixels")
                                .publishPercentileHistogram()
                                .minimumExpectedValue(1.0)
                                .maximumExpectedValue(10_000.0)
                                .register(registry));
    }

    private static Counter frames(MeterRegistry registry, String stream, String outcome) {
        return Counter.builder("framepipe.frames")
                .tag("stream", stream)
                .tag("outcome", outcome)
                .description("Frames by stream and outcome")
                .baseUnit("frames")
                .register(registry);
    }

    /** Registers the meters in the registry, once, for the streams tracked now and from now on. */
    private final class Metrics implements MeterBinder {

        @Override
        public void bindTo(MeterRegistry target) {
            synchronized (streams) {
                if (registry != null && registry != target) {
                    throw new IllegalStateException("the aggregator's meters are already bound to another registry");
                }
                if (registry == null) {
                    registry = target;
                    streams.values()
                            .forEach(state -> state.meters = new StreamMeters(state.name, state.accumulator, target));
                }
            }
        }
    }

    /** One tracked stream: its statistics and, once the binder is bound, its meters. */
    private final class StreamState {

        private final String name;
        private final StreamAccumulator accumulator;
        private volatile @Nullable StreamMeters meters;

        StreamState(String name) {
            this.name = name;
            this.accumulator = new StreamAccumulator(name, properties.fpsWindow(), Instant.now(), System.nanoTime());
            MeterRegistry target = registry;
            this.meters = target == null ? null : new StreamMeters(name, accumulator, target);
        }

        void removeMeters() {
            StreamMeters current = meters;
            if (current != null) {
                current.remove();
            }
        }
    }

    /** The meters of one tracked stream (looked up per frame without building keys). */
    private static final class StreamMeters {

        private final String name;
        private final MeterRegistry registry;
        private final Counter[] frameCounters = new Counter[Outcome.values().length];
        private final ConcurrentMap<String, Counter> objectCounters = new ConcurrentHashMap<>();
        private final Gauge fps;

        StreamMeters(String name, StreamAccumulator accumulator, MeterRegistry registry) {
            this.name = name;
            this.registry = registry;
            this.fps = Gauge.builder("framepipe.fps", accumulator, a -> a.currentFps(System.nanoTime()))
                    .tag("stream", name)
                    .description("Analysed frames per second over the sliding window")
                    .register(registry);
            for (Outcome outcome : Outcome.values()) {
                frameCounters[outcome.ordinal()] = Aggregator.frames(registry, name, outcome.tag());
            }
        }

        Counter frames(Outcome outcome) {
            return frameCounters[outcome.ordinal()];
        }

        Counter objects(String label) {
            Counter counter = objectCounters.get(label);
            return counter != null
                    ? counter
                    : objectCounters.computeIfAbsent(
                            label,
                            l -> Counter.builder("framepipe.objects")
                                    .tag("stream", name)
                                    .tag("class", l)
                                    .description("Objects found, by stream and class")
                                    .baseUnit("objects")
                                    .register(registry));
        }

        void remove() {
            registry.remove(fps);
            for (Counter counter : frameCounters) {
                registry.remove(counter);
            }
            objectCounters.values().forEach(registry::remove);
        }
    }
}

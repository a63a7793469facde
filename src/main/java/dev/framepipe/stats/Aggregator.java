package dev.framepipe.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The last stage: running statistics per stream and overall, and the meters that carry them.
 *
 * <p>Thread-safe. Every frame is counted exactly once: an analysed frame through
 * {@link #record}, a refused or failed one through {@link #countRefusal}. The number of stream
 * names is bounded by {@link StatsProperties#maxStreams()}, which bounds the cardinality of
 * the {@code stream} tag too.
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

    private final StatsProperties properties;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, StreamState> streams = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, DistributionSummary> sizeByClass = new ConcurrentHashMap<>();
    private final StreamAccumulator overall;

    public Aggregator(StatsProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.registry = registry;
        this.overall = new StreamAccumulator("*", properties.fpsWindow(), Instant.now(), System.nanoTime());
    }

    /**
     * The stream a frame is counted under before its name is checked: the requested name, or
     * {@value #DEFAULT_STREAM} when the request names none. The one place that default is applied.
     *
     * @param requested the {@code stream} parameter as sent, or {@code null} when absent
     */
    public static String streamName(String requested) {
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
            throw new InvalidStreamName("stream name must match " + STREAM_PATTERN.pattern()
                    + " (1 to 64 characters)");
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
     * Counts an analysed frame.
     *
     * @param stream a name returned by {@link #admitStream}
     * @param frame  what was found
     */
    public void record(String stream, FrameObservation frame) {
        long start = System.nanoTime();
        StreamState state = state(stream);
        state.accumulator.record(frame, start);
        overall.record(frame, start);
        state.frames(frame.outcome()).increment();
        for (FrameObservation.ObjectObservation object : frame.objects()) {
            String label = object.label() == null ? UNCLASSIFIED : object.label();
            state.objects(label).increment();
            if (!Double.isNaN(object.equivalentDiameter())) {
                sizeSummary(label).record(object.equivalentDiameter());
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        state.accumulator.addStageMicros("aggregate", micros);
        overall.addStageMicros("aggregate", micros);
    }

    /**
     * Counts a frame that was not analysed.
     *
     * @param stream  the admitted stream name, or {@code null} when the name was not admitted
     * @param outcome {@link Outcome#REJECTED} or {@link Outcome#FAILED}
     */
    public void countRefusal(String stream, Outcome outcome) {
        StreamState state = stream == null ? null : streams.get(stream);
        if (state != null) {
            state.accumulator.countRefusal(outcome);
            state.frames(outcome).increment();
        } else {
            frames(NO_STREAM_TAG, outcome.tag()).increment();
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
        return summary != null ? summary : sizeByClass.computeIfAbsent(label, l ->
                DistributionSummary.builder("framepipe.object.size")
                        .tag("class", l)
                        .description("Equivalent circular diameter of the objects found")
                        .baseUnit("pixels")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(1.0)
                        .maximumExpectedValue(10_000.0)
                        .register(registry));
    }

    private Counter frames(String stream, String outcome) {
        return Counter.builder("framepipe.frames").tag("stream", stream).tag("outcome", outcome)
                .description("Frames by stream and outcome").baseUnit("frames").register(registry);
    }

    /** One tracked stream: its statistics and its meters (looked up per frame without building keys). */
    private final class StreamState {

        private final String name;
        private final StreamAccumulator accumulator;
        private final Counter[] frameCounters = new Counter[Outcome.values().length];
        private final ConcurrentMap<String, Counter> objectCounters = new ConcurrentHashMap<>();
        private final Gauge fps;

        StreamState(String name) {
            this.name = name;
            this.accumulator = new StreamAccumulator(name, properties.fpsWindow(), Instant.now(), System.nanoTime());
            this.fps = Gauge.builder("framepipe.fps", accumulator, a -> a.currentFps(System.nanoTime()))
                    .tag("stream", name)
                    .description("Analysed frames per second over the sliding window")
                    .register(registry);
            for (Outcome outcome : Outcome.values()) {
                frameCounters[outcome.ordinal()] = Aggregator.this.frames(name, outcome.tag());
            }
        }

        Counter frames(Outcome outcome) {
            return frameCounters[outcome.ordinal()];
        }

        Counter objects(String label) {
            Counter counter = objectCounters.get(label);
            return counter != null ? counter : objectCounters.computeIfAbsent(label, l ->
                    Counter.builder("framepipe.objects").tag("stream", name).tag("class", l)
                            .description("Objects found, by stream and class").baseUnit("objects")
                            .register(registry));
        }

        void removeMeters() {
            registry.remove(fps);
            for (Counter counter : frameCounters) {
                registry.remove(counter);
            }
            objectCounters.values().forEach(registry::remove);
        }
    }
}

package dev.framepipe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AggregatorTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Aggregator aggregator(int maxStreams, StatsProperties.Overflow overflow) {
        Aggregator aggregator = new Aggregator(new StatsProperties(Duration.ofSeconds(10), maxStreams, overflow, null));
        aggregator.metrics().bindTo(registry);
        return aggregator;
    }

    private static FrameObservation frame(String... labels) {
        List<FrameObservation.ObjectObservation> objects = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            objects.add(new FrameObservation.ObjectObservation(labels[i], 10 + i));
        }
        return new FrameObservation(Outcome.OK, Map.of("detect", 100L, "size", 50L), objects);
    }

    @Test
    void countsEveryFrameExactlyOnceUnderConcurrency() throws Exception {
        Aggregator aggregator = aggregator(32, StatsProperties.Overflow.REJECT);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            String stream = "cam-" + (t % 4);
            done.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    aggregator.record(aggregator.admitStream(stream), frame("round", "elongated", "round"));
                }
                aggregator.countRefusal(stream, Outcome.REJECTED);
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        StatsSnapshot snapshot = aggregator.snapshot();
        assertThat(snapshot.overall().frames().ok()).isEqualTo(8000);
        assertThat(snapshot.overall().frames().rejected()).isEqualTo(16);
        assertThat(snapshot.overall().objects()).isEqualTo(24000);
        assertThat(snapshot.overall().objectsByClass())
                .containsEntry("round", 16000L)
                .containsEntry("elongated", 8000L);
        assertThat(snapshot.streams()).hasSize(4);
        snapshot.streams().values().forEach(s -> {
            assertThat(s.frames().ok()).isEqualTo(2000);
            assertThat(s.frames().total()).isEqualTo(2004);
        });
        assertThat(registry.get("framepipe.frames")
                        .tag("stream", "cam-0")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(2000);
        assertThat(registry.get("framepipe.objects")
                        .tag("stream", "cam-1")
                        .tag("class", "round")
                        .counter()
                        .count())
                .isEqualTo(4000);
        assertThat(registry.get("framepipe.object.size")
                        .tag("class", "round")
                        .summary()
                        .count())
                .isEqualTo(16000);
    }

    @Test
    void summarisesSizesAndObjectsPerFrame() {
        Aggregator aggregator = aggregator(4, StatsProperties.Overflow.REJECT);
        String stream = aggregator.admitStream("line-1");
        for (int i = 1; i <= 100; i++) {
            aggregator.record(
                    stream,
                    new FrameObservation(
                            Outcome.OK, Map.of(), List.of(new FrameObservation.ObjectObservation("round", i))));
        }
        StreamStatistics stats = aggregator.snapshot(stream).orElseThrow();
        assertThat(stats.equivalentDiameter().count()).isEqualTo(100);
        assertThat(stats.equivalentDiameter().min()).isEqualTo(1);
        assertThat(stats.equivalentDiameter().max()).isEqualTo(100);
        assertThat(stats.equivalentDiameter().mean()).isCloseTo(50.5, within(1e-9));
        assertThat(stats.equivalentDiameter().std()).isCloseTo(29.011, within(1e-3));
        assertThat(stats.equivalentDiameter().p50()).isCloseTo(50, within(50 * 0.03));
        assertThat(stats.equivalentDiameter().p90()).isCloseTo(90, within(90 * 0.03));
        assertThat(stats.objectsPerFrame().mean()).isEqualTo(1);
        assertThat(stats.fps().current()).isPositive();
        assertThat(stats.fps().windowSeconds()).isEqualTo(10);
        assertThat(stats.stageLatencyMicros()).containsKey("aggregate");
    }

    @Test
    void rejectsStreamsBeyondTheLimitWhenConfiguredToReject() {
        Aggregator aggregator = aggregator(2, StatsProperties.Overflow.REJECT);
        aggregator.admitStream("a");
        aggregator.admitStream("b");
        assertThat(aggregator.admitStream("a")).isEqualTo("a");
        assertThatThrownBy(() -> aggregator.admitStream("c")).isInstanceOf(StreamLimitReached.class);
        assertThat(aggregator.streamCount()).isEqualTo(2);
    }

    @Test
    void foldsStreamsBeyondTheLimitIntoOtherWhenConfiguredToFold() {
        Aggregator aggregator = aggregator(2, StatsProperties.Overflow.FOLD);
        aggregator.admitStream("a");
        aggregator.admitStream("b");
        assertThat(aggregator.admitStream("c")).isEqualTo(Aggregator.OTHER_STREAM);
        assertThat(aggregator.admitStream("d")).isEqualTo(Aggregator.OTHER_STREAM);
        assertThat(aggregator.streamCount()).isEqualTo(3);
    }

    @Test
    void refusesStreamNamesOutsideThePattern() {
        Aggregator aggregator = aggregator(4, StatsProperties.Overflow.REJECT);
        for (String bad : List.of("-x", "a b", "x".repeat(65), "caf\u00e9", "a/b", "{bad}")) {
            assertThatThrownBy(() -> aggregator.admitStream(bad)).isInstanceOf(InvalidStreamName.class);
        }
        assertThat(aggregator.admitStream(null)).isEqualTo(Aggregator.DEFAULT_STREAM);
        assertThat(aggregator.admitStream("Cam_1.left-2")).isEqualTo("Cam_1.left-2");
    }

    @Test
    void resetForgetsTheStreamAndItsMetersButKeepsOverallCounts() {
        Aggregator aggregator = aggregator(4, StatsProperties.Overflow.REJECT);
        String stream = aggregator.admitStream("cam");
        aggregator.record(stream, frame("round"));
        assertThat(registry.find("framepipe.fps").tag("stream", "cam").gauge()).isNotNull();

        assertThat(aggregator.reset("cam")).isTrue();
        assertThat(aggregator.reset("cam")).isFalse();
        assertThat(aggregator.snapshot("cam")).isEmpty();
        assertThat(registry.find("framepipe.fps").tag("stream", "cam").gauge()).isNull();
        assertThat(registry.find("framepipe.frames").tag("stream", "cam").counter())
                .isNull();
        assertThat(aggregator.snapshot().overall().frames().ok()).isEqualTo(1);

        aggregator.record(aggregator.admitStream("cam"), frame("round"));
        assertThat(registry.get("framepipe.frames")
                        .tag("stream", "cam")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void countsRefusalsOfUnadmittedStreamsOverallOnly() {
        Aggregator aggregator = aggregator(4, StatsProperties.Overflow.REJECT);
        aggregator.countRefusal(null, Outcome.REJECTED);
        aggregator.countRefusal("never-seen", Outcome.FAILED);
        StatsSnapshot snapshot = aggregator.snapshot();
        assertThat(snapshot.streams()).isEmpty();
        assertThat(snapshot.overall().frames().rejected()).isEqualTo(1);
        assertThat(snapshot.overall().frames().failed()).isEqualTo(1);
        assertThat(snapshot.overall().frames().ok()).isZero();
    }

    @Test
    void streamsTrackedBeforeTheMetersAreBoundGetTheirMetersWhenBound() {
        Aggregator aggregator = new Aggregator(StatsProperties.defaults());
        aggregator.record(aggregator.admitStream("early"), frame("round"));
        aggregator.countRefusal(null, Outcome.REJECTED);
        assertThat(registry.find("framepipe.frames").counter()).isNull();

        aggregator.metrics().bindTo(registry);
        aggregator.record("early", frame("round"));

        assertThat(registry.get("framepipe.frames")
                        .tag("stream", "early")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("framepipe.fps").tag("stream", "early").gauge()).isNotNull();
        assertThat(aggregator.snapshot("early").orElseThrow().frames().ok()).isEqualTo(2);
        assertThat(aggregator.snapshot().overall().frames().rejected()).isEqualTo(1);
    }

    @Test
    void bindsItsMetersToOneRegistryOnly() {
        Aggregator aggregator = aggregator(4, StatsProperties.Overflow.REJECT);
        aggregator.metrics().bindTo(registry);

        assertThatThrownBy(() -> aggregator.metrics().bindTo(new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another registry");
    }
}

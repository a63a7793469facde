package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.FrameObservation;
import dev.framepipe.stats.Outcome;
import dev.framepipe.stats.StatsProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * {@link StatsController} in a web slice, over a real {@link Aggregator} fed directly (no
 * pipeline): what it counts is what the API shows, an unknown stream is a 404 problem, and a
 * reset needs the operator token. Each test uses streams of its own (the context is shared).
 */
@WebMvcTest(controllers = StatsController.class, properties = "framepipe.security.operator-token=tok")
@Import({WebSliceConfiguration.class, StatsControllerTests.FedAggregator.class})
class StatsControllerTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class FedAggregator {

        @Bean
        Aggregator aggregator(StatsProperties properties) {
            return new Aggregator(properties);
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Aggregator aggregator;

    private void record(String stream, String... labels) {
        List<FrameObservation.ObjectObservation> objects = java.util.Arrays.stream(labels)
                .map(label -> new FrameObservation.ObjectObservation(label, 12.0))
                .toList();
        aggregator.record(
                aggregator.admitStream(stream), new FrameObservation(Outcome.OK, Map.of("detect", 100L), objects));
    }

    @Test
    void showsTheAggregatorsCountsOverallAndForOneStream() {
        record("slice-a", "round", "round", "elongated");
        record("slice-a", "round");

        assertThat(mvc.get().uri("/api/v1/stats/slice-a"))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson()
                .satisfies(json -> {
                    assertThat(json).extractingPath("$.stream").isEqualTo("slice-a");
                    assertThat(json).extractingPath("$.frames.ok").isEqualTo(2);
                    assertThat(json).extractingPath("$.frames.total").isEqualTo(2);
                    assertThat(json).extractingPath("$.objects").isEqualTo(4);
                    assertThat(json).extractingPath("$.objectsByClass.round").isEqualTo(3);
                    assertThat(json)
                            .extractingPath("$.objectsByClass.elongated")
                            .isEqualTo(1);
                });
        assertThat(mvc.get().uri("/api/v1/stats"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.streams['slice-a'].objects")
                .isEqualTo(4);
    }

    @Test
    void answersAStreamWithoutStatisticsWithA404ProblemNamingIt() {
        assertThat(mvc.get().uri("/api/v1/stats/never-seen"))
                .hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("no statistics for stream 'never-seen'");
    }

    @Test
    void resetsAStreamOnlyWithTheOperatorToken() {
        record("slice-reset", "round");

        for (String authorization : new String[] {null, "Bearer wrong", "tok", "Bearer tok "}) {
            var delete = mvc.delete().uri("/api/v1/stats/slice-reset");
            if (authorization != null) {
                delete.header("Authorization", authorization);
            }
            assertThat(delete)
                    .as(String.valueOf(authorization))
                    .hasStatus(403)
                    .bodyJson()
                    .extractingPath("$.type")
                    .isEqualTo(ProblemHandler.TYPE_BASE + "operator-forbidden");
        }
        assertThat(aggregator.snapshot("slice-reset")).as("still kept").isPresent();

        assertThat(mvc.delete().uri("/api/v1/stats/slice-reset").header("Authorization", "Bearer tok"))
                .hasStatus(204);
        assertThat(aggregator.snapshot("slice-reset")).isEmpty();
        assertThat(mvc.delete().uri("/api/v1/stats/slice-reset").header("Authorization", "Bearer tok"))
                .hasStatus(404)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}

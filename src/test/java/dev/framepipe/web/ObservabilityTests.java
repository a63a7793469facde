package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What operators see after traffic: Prometheus meters, the pipeline endpoint, health groups, OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilityTests {

    private static final SyntheticScene SCENE = SyntheticFrames.builder(200, 150)
            .seed(3)
            .objects(6)
            .sizeRange(10, 24)
            .build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private FrameClient client;
    private FrameClient management;

    @BeforeEach
    void sendTraffic() {
        client = new FrameClient(port);
        management = new FrameClient(managementPort);
        for (int i = 0; i < 5; i++) {
            assertThat(client.postFrame(
                                    "stream=obs&width=200&height=150",
                                    "application/octet-stream",
                                    SCENE.frame().gray())
                            .statusCode())
                    .isEqualTo(200);
        }
        client.postFrame("stream=obs", "image/png", new byte[] {1});
    }

    /**
     * Five frames of one scene and one undecodable body on a stream of its own: the scrape holds
     * exactly these outcomes for that stream, the objects per class that the reports counted, and
     * five more observations in every stage's and the frame's duration histogram.
     */
    @Test
    void prometheusScrapeCountsExactlyTheFramesObjectsAndStagesOfTheTraffic() {
        Map<String, Double> before = series(FrameClient.text(management.get("/actuator/prometheus")));
        Map<String, Integer> perFrame = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            JsonNode report = FrameClient.json(client.postFrame(
                    "stream=prom&width=200&height=150",
                    "application/octet-stream",
                    SCENE.frame().gray()));
            perFrame.clear();
            report.get("countsByClass")
                    .properties()
                    .forEach(e -> perFrame.put(e.getKey(), e.getValue().asInt()));
        }
        assertThat(client.postFrame("stream=prom", "image/png", new byte[] {1}).statusCode())
                .isEqualTo(422);
        Map<String, Double> after = series(FrameClient.text(management.get("/actuator/prometheus")));

        String app = "application=\"framepipe\"";
        assertThat(after)
                .contains(
                        entry("framepipe_frames_total{" + app + ",outcome=\"ok\",stream=\"prom\"}", 5.0),
                        entry("framepipe_frames_total{" + app + ",outcome=\"rejected\",stream=\"prom\"}", 1.0),
                        entry("framepipe_frames_total{" + app + ",outcome=\"failed\",stream=\"prom\"}", 0.0),
                        entry("framepipe_frames_total{" + app + ",outcome=\"partial\",stream=\"prom\"}", 0.0));
        Map<String, Double> objects = new TreeMap<>();
        perFrame.forEach((label, count) -> {
            if (count > 0) {
                objects.put(
                        "framepipe_objects_total{" + app + ",class=\"" + label + "\",stream=\"prom\"}", 5.0 * count);
            }
        });
        assertThat(objects).as("the reports counted objects").isNotEmpty();
        assertThat(filter(after, "framepipe_objects_total{", "stream=\"prom\"")).isEqualTo(objects);
        objects.forEach((series, count) -> assertThat(increase(
                        before,
                        after,
                        series.replace("framepipe_objects_total", "framepipe_object_size_pixels_count")
                                .replace(",stream=\"prom\"", "")))
                .as(series)
                .isEqualTo(count));

        for (String stage : new String[] {"decode", "detect", "size", "classify", "aggregate"}) {
            assertThat(increase(
                            before,
                            after,
                            "framepipe_stage_duration_seconds_count{" + app + ",stage=\"" + stage + "\"}"))
                    .as(stage)
                    .isEqualTo(5.0);
            assertThat(increase(
                            before,
                            after,
                            "framepipe_stage_duration_seconds_bucket{" + app + ",stage=\"" + stage + "\",le=\"+Inf\"}"))
                    .as(stage)
                    .isEqualTo(5.0);
        }
        assertThat(increase(before, after, "framepipe_frame_duration_seconds_count{" + app + "}"))
                .isEqualTo(5.0);
        assertThat(after.get("framepipe_fps{" + app + ",stream=\"prom\"}")).isPositive();
        assertThat(after)
                .containsKeys(
                        "framepipe_inflight{" + app + "}",
                        "framepipe_branch_inline_total{" + app + "}",
                        "executor_active_threads{" + app + ",name=\"stageExecutor\"}",
                        "executor_queued_tasks{" + app + ",name=\"stageExecutor\"}");
    }

    /** The samples of a Prometheus text scrape: the full series (name and labels, as written) to its value. */
    private static Map<String, Double> series(String scrape) {
        Map<String, Double> series = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return series;
    }

    private static Map<String, Double> filter(Map<String, Double> series, String prefix, String label) {
        Map<String, Double> kept = new TreeMap<>();
        series.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.contains(label)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("scrape after the traffic").containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    @Test
    void pipelineEndpointShowsAPositiveFps() {
        JsonNode pipeline = management.getJson("/actuator/pipeline");
        assertThat(pipeline.get("overall").get("fps").get("current").asDouble()).isPositive();
        assertThat(pipeline.get("streams").get("obs").get("frames").get("ok").asLong())
                .isGreaterThanOrEqualTo(5);
        assertThat(pipeline.get("streams").get("obs").get("stageLatencyMicros").has("detect"))
                .isTrue();
    }

    @Test
    void readinessIncludesThePipelineAndIsUpOnceStagesAreInitialised() {
        JsonNode readiness = management.getJson("/actuator/health/readiness");
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        JsonNode pipeline = readiness.get("components").get("pipeline");
        assertThat(pipeline.get("status").asString()).isEqualTo("UP");
        assertThat(pipeline.get("details").get("stages").get("classify").asBoolean())
                .isTrue();
        assertThat(management.getJson("/actuator/health/liveness").get("status").asString())
                .isEqualTo("UP");
    }

    /** The dashboard is served from the API port and cannot reach the management port: readiness is on an API path too. */
    @Test
    void apiPortServesTheSameReadinessGroupForTheDashboard() {
        JsonNode actuator = management.getJson("/actuator/health/readiness");
        JsonNode api = client.getJson("/api/v1/readiness");
        assertThat(api.get("status").asString()).isEqualTo("UP");
        assertThat(api.get("components").propertyNames())
                .isEqualTo(actuator.get("components").propertyNames());
        assertThat(api.get("components").get("pipeline").get("details").get("stages"))
                .isEqualTo(actuator.get("components")
                        .get("pipeline")
                        .get("details")
                        .get("stages"));
    }

    @Test
    void infoShowsTheBuildAndOnlyTheListedEndpointsAreExposed() {
        assertThat(management
                        .getJson("/actuator/info")
                        .get("build")
                        .get("artifact")
                        .asString())
                .isEqualTo("framepipe");
        assertThat(management.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(management.get("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(management.get("/actuator/heapdump").statusCode()).isEqualTo(404);
    }

    @Test
    void openApiListsEveryOperationAndErrorResponse() {
        JsonNode paths = client.getJson("/v3/api-docs").get("paths");
        JsonNode frames = paths.get("/api/v1/frames").get("post");
        assertThat(frames.get("requestBody").get("content").has("image/png")).isTrue();
        assertThat(frames.get("requestBody").get("content").has("multipart/form-data"))
                .isTrue();
        JsonNode detail = null;
        for (JsonNode parameter : frames.get("parameters")) {
            detail = parameter.get("name").asString().equals("detail") ? parameter : detail;
        }
        assertThat(detail).as("the detail parameter").isNotNull();
        assertThat(detail.get("schema").get("enum").toString()).isEqualTo("[\"counts\",\"objects\",\"full\"]");
        for (String status : new String[] {"200", "400", "413", "415", "422", "503", "504"}) {
            assertThat(frames.get("responses").has(status))
                    .as("frames response " + status)
                    .isTrue();
        }
        assertThat(paths.get("/api/v1/stats").has("get")).isTrue();
        assertThat(paths.get("/api/v1/stats/{stream}").has("get")).isTrue();
        assertThat(paths.get("/api/v1/stats/{stream}").has("delete")).isTrue();
        assertThat(client.get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }
}

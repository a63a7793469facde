package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What operators see after traffic: Prometheus meters, the pipeline endpoint, health groups, OpenAPI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilityTests {

    @LocalServerPort
    int port;

    private FrameClient client;

    @BeforeEach
    void sendTraffic() {
        client = new FrameClient(port);
        SyntheticScene scene = SyntheticFrames.builder(200, 150).seed(3).objects(6).sizeRange(10, 24).build();
        for (int i = 0; i < 5; i++) {
            assertThat(client.postFrame("stream=obs&width=200&height=150", "application/octet-stream",
                    scene.frame().gray()).statusCode()).isEqualTo(200);
        }
        client.postFrame("stream=obs", "image/png", new byte[] {1});
    }

    @Test
    void prometheusScrapeHoldsEveryFramePipeMeter() {
        String scrape = FrameClient.text(client.get("/actuator/prometheus"));
        assertThat(scrape).contains(
                "framepipe_frames_total{", "outcome=\"ok\"", "outcome=\"rejected\"", "stream=\"obs\"",
                "framepipe_objects_total{", "class=\"",
                "framepipe_stage_duration_seconds_bucket{", "stage=\"detect\"", "stage=\"classify\"", "stage=\"size\"",
                "framepipe_frame_duration_seconds_bucket{",
                "framepipe_fps{", "framepipe_object_size_pixels_bucket{",
                "framepipe_inflight", "framepipe_branch_inline_total",
                "executor_active_threads{", "name=\"stageExecutor\"", "executor_queued_tasks{");
    }

    @Test
    void pipelineEndpointShowsAPositiveFps() {
        JsonNode pipeline = client.getJson("/actuator/pipeline");
        assertThat(pipeline.get("overall").get("fps").get("current").asDouble()).isPositive();
        assertThat(pipeline.get("streams").get("obs").get("frames").get("ok").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(pipeline.get("streams").get("obs").get("stageLatencyMicros").has("detect")).isTrue();
    }

    @Test
    void readinessIncludesThePipelineAndIsUpOnceStagesAreInitialised() {
        JsonNode readiness = client.getJson("/actuator/health/readiness");
        assertThat(readiness.get("status").asString()).isEqualTo("UP");
        JsonNode pipeline = readiness.get("components").get("pipeline");
        assertThat(pipeline.get("status").asString()).isEqualTo("UP");
        assertThat(pipeline.get("details").get("stages").get("classify").asBoolean()).isTrue();
        assertThat(client.getJson("/actuator/health/liveness").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void infoShowsTheBuildAndOnlyTheListedEndpointsAreExposed() {
        assertThat(client.getJson("/actuator/info").get("build").get("artifact").asString()).isEqualTo("framepipe");
        assertThat(client.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(client.get("/actuator/beans").statusCode()).isEqualTo(404);
        assertThat(client.get("/actuator/heapdump").statusCode()).isEqualTo(404);
    }

    @Test
    void openApiListsEveryOperationAndErrorResponse() {
        JsonNode paths = client.getJson("/v3/api-docs").get("paths");
        JsonNode frames = paths.get("/api/v1/frames").get("post");
        assertThat(frames.get("requestBody").get("content").has("image/png")).isTrue();
        assertThat(frames.get("requestBody").get("content").has("multipart/form-data")).isTrue();
        JsonNode detail = null;
        for (JsonNode parameter : frames.get("parameters")) {
            detail = parameter.get("name").asString().equals("detail") ? parameter : detail;
        }
        assertThat(detail).as("the detail parameter").isNotNull();
        assertThat(detail.get("schema").get("enum").toString()).isEqualTo("[\"counts\",\"objects\",\"full\"]");
        for (String status : new String[] {"200", "400", "413", "415", "422", "503", "504"}) {
            assertThat(frames.get("responses").has(status)).as("frames response " + status).isTrue();
        }
        assertThat(paths.get("/api/v1/stats").has("get")).isTrue();
        assertThat(paths.get("/api/v1/stats/{stream}").has("get")).isTrue();
        assertThat(paths.get("/api/v1/stats/{stream}").has("delete")).isTrue();
        assertThat(client.get("/swagger-ui.html").statusCode()).isIn(200, 302);
    }
}

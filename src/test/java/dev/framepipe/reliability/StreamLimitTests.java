package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A new stream beyond {@code framepipe.stats.max-streams} is refused with 400 and counted as rejected. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "framepipe.stats.max-streams=3")
class StreamLimitTests {

    @LocalServerPort
    int port;

    @Test
    void refusesANewStreamBeyondTheLimitWith400AndKeepsServingKnownStreams() {
        FrameClient client = new FrameClient(port);
        byte[] raw = new byte[16];
        for (int i = 0; i < 3; i++) {
            assertThat(client.postFrame("stream=s" + i + "&width=4&height=4", "application/octet-stream", raw)
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> refused = client.postFrame("stream=s3&width=4&height=4", "application/octet-stream", raw);
        JsonNode problem = Problems.assertProblem(refused, 400);
        assertThat(problem.get("type").asString()).endsWith("/stream-limit-reached");
        assertThat(problem.get("detail").asString()).contains("3");

        assertThat(client.postFrame("stream=s0&width=4&height=4", "application/octet-stream", raw).statusCode())
                .isEqualTo(200);
        JsonNode overall = client.getJson("/api/v1/stats").get("overall").get("frames");
        assertThat(overall.get("ok").asLong()).isEqualTo(4);
        assertThat(overall.get("rejected").asLong()).isEqualTo(1);
        assertThat(client.getJson("/api/v1/stats").get("streams").has("s3")).isFalse();
        assertThat(client.getJson("/actuator/health").get("status").asString()).isEqualTo("UP");
    }
}

package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.web.FrameClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * By default the actuator has its own port ({@code management.server.port=8081}, random in tests),
 * to be kept off the public network; the API port then answers 404 for it. With no reset token
 * configured, resetting statistics is disabled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void servesTheActuatorOnItsOwnPortOnlyByDefault() {
        assertThat(managementPort).isNotEqualTo(port).isPositive();
        FrameClient api = new FrameClient(port);
        FrameClient management = new FrameClient(managementPort);

        assertThat(management.getJson("/actuator/health").get("status").asString())
                .isEqualTo("UP");
        assertThat(management.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/pipeline").statusCode()).isEqualTo(200);
        assertThat(management.get("/actuator/env").statusCode()).isEqualTo(404);

        for (String path :
                new String[] {"/actuator/health", "/actuator/prometheus", "/actuator/pipeline", "/actuator"}) {
            assertThat(api.get(path).statusCode()).as(path).isEqualTo(404);
            Problems.assertNoLeak(api.get(path));
        }
        assertThat(management.get("/api/v1/stats").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/stats").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesEveryStatsResetWhenNoTokenIsConfigured() {
        FrameClient api = new FrameClient(port);
        assertThat(api.postFrame("stream=kept&width=4&height=4", "application/octet-stream", new byte[16])
                        .statusCode())
                .isEqualTo(200);
        for (String authorization : new String[] {null, "Bearer ", "Bearer null", "Bearer"}) {
            var response = authorization == null
                    ? api.delete("/api/v1/stats/kept")
                    : api.delete("/api/v1/stats/kept", "Authorization", authorization);
            assertThat(Problems.assertProblem(response, 403).get("detail").asString())
                    .contains("reset-token");
        }
        assertThat(api.get("/api/v1/stats/kept").statusCode()).isEqualTo(200);
    }
}

package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.testing.FaultyStages;
import dev.framepipe.testing.FaultyStages.Fault;
import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** With {@code framepipe.pipeline.partial-results=false} a failed branch is a 500 problem naming its stage. */
@SpringBootTest(
        classes = {FramePipeApplication.class, FaultyStages.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "framepipe.pipeline.partial-results=false")
class StrictFaultTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void heal() {
        FaultyStages.reset();
    }

    @Test
    void aThrowingSizeEstimatorGivesA500ProblemNamingSizeAndIsCountedAsFailed() {
        FrameClient client = new FrameClient(port);
        byte[] raw = FaultInjectionTests.RAW;
        FaultyStages.set("size", Fault.THROW);
        HttpResponse<byte[]> response = client.postFrame(FaultInjectionTests.QUERY, "application/octet-stream", raw);
        JsonNode problem = Problems.assertProblem(response, 500);
        assertThat(problem.get("stage").asString()).isEqualTo("size");
        assertThat(problem.get("type").asString()).endsWith("/stage-failed");
        assertThat(problem.get("detail").asString()).contains("size");

        FaultyStages.reset();
        assertThat(client.postFrame(FaultInjectionTests.QUERY, "application/octet-stream", raw)
                        .statusCode())
                .isEqualTo(200);
        JsonNode frames = client.getJson("/api/v1/stats/faults").get("frames");
        assertThat(frames.get("failed").asLong()).isEqualTo(1);
        assertThat(frames.get("ok").asLong()).isEqualTo(1);
        assertThat(frames.get("partial").asLong()).isZero();
        assertThat(new FrameClient(managementPort)
                        .getJson("/actuator/health")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }
}

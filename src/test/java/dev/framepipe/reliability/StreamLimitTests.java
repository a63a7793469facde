package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** A new stream beyond {@code framepipe.stats.max-streams} is refused with 400 and counted as rejected. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "framepipe.stats.max-streams=3")
class StreamLimitTests {

    private static final byte[] RAW = new byte[16];

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private RestTestClient api;

    @BeforeEach
    void connect() {
        api = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    private RestTestClient.ResponseSpec postFrame(String stream) {
        return api.post()
                .uri("/api/v1/frames?stream={stream}&width=4&height=4", stream)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(RAW)
                .exchange();
    }

    @Test
    void refusesANewStreamBeyondTheLimitWith400AndKeepsServingKnownStreams() {
        for (int i = 0; i < 3; i++) {
            postFrame("s" + i).expectStatus().isOk();
        }
        postFrame("s3")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://framepipe.dev/problems/stream-limit-reached")
                .jsonPath("$.detail")
                .value(String.class, detail -> assertThat(detail).contains("3"));

        postFrame("s0").expectStatus().isOk();
        api.get()
                .uri("/api/v1/stats")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.overall.frames.ok")
                .isEqualTo(4)
                .jsonPath("$.overall.frames.rejected")
                .isEqualTo(1)
                .jsonPath("$.streams.s3")
                .doesNotExist();
        RestTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }
}

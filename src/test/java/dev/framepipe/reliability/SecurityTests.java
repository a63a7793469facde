package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the service gives away: only the listed actuator endpoints (on the management port), statistics reset only with
 * the configured token, and no stack trace, class name or server version in any answer, the
 * ones Tomcat writes itself (oversized headers, malformed requests) included.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "framepipe.stats.reset-token=s3cret-token")
class SecurityTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private FrameClient client() {
        return new FrameClient(port);
    }

    private FrameClient management() {
        return new FrameClient(managementPort);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "env",
                "beans",
                "heapdump",
                "threaddump",
                "shutdown",
                "configprops",
                "loggers",
                "mappings",
                "conditions",
                "scheduledtasks",
                "caches",
                "startup",
                "sbom",
                "httpexchanges",
                "auditevents",
                "logfile",
                "sessions",
                "flyway",
                "liquibase",
                "integrationgraph"
            })
    void doesNotExposeActuatorEndpointsOffTheList(String endpoint) {
        HttpResponse<byte[]> get = management().get("/actuator/" + endpoint);
        assertThat(get.statusCode()).as(endpoint).isEqualTo(404);
        Problems.assertNoLeak(get);
        HttpResponse<byte[]> post = management().post("/actuator/" + endpoint, "application/json", new byte[0]);
        assertThat(post.statusCode()).as(endpoint).isIn(404, 405);
        Problems.assertNoLeak(post);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"health", "health/readiness", "health/liveness", "info", "metrics", "prometheus", "pipeline"})
    void exposesTheListedActuatorEndpoints(String endpoint) {
        assertThat(management().get("/actuator/" + endpoint).statusCode())
                .as(endpoint)
                .isEqualTo(200);
    }

    @Test
    void listsOnlyTheExplicitEndpointsInTheActuatorIndex() {
        var links = FrameClient.json(management().get("/actuator")).get("_links");
        java.util.Set<String> names = new java.util.TreeSet<>(links.propertyNames());
        assertThat(names)
                .allSatisfy(name -> assertThat(name.replaceAll("[-/].*", ""))
                        .isIn("self", "health", "info", "metrics", "prometheus", "pipeline"));
    }

    @Test
    void refusesAStatsResetWithoutOrWithAWrongTokenAndAcceptsTheConfiguredOne() {
        FrameClient client = client();
        assertThat(client.postFrame("stream=resettable&width=4&height=4", "application/octet-stream", new byte[16])
                        .statusCode())
                .isEqualTo(200);

        Problems.assertProblem(client.delete("/api/v1/stats/resettable"), 403);
        Problems.assertProblem(client.delete("/api/v1/stats/resettable", "Authorization", "Bearer wrong"), 403);
        Problems.assertProblem(client.delete("/api/v1/stats/resettable", "Authorization", "s3cret-token"), 403);
        Problems.assertProblem(client.delete("/api/v1/stats/resettable", "Authorization", "Bearer s3cret-toke"), 403);
        Problems.assertProblem(
                client.delete("/api/v1/stats/resettable", "Authorization", "Basic czNjcmV0LXRva2Vu"), 403);
        assertThat(client.get("/api/v1/stats/resettable").statusCode())
                .as("still there")
                .isEqualTo(200);

        HttpResponse<byte[]> reset = client.delete("/api/v1/stats/resettable", "Authorization", "Bearer s3cret-token");
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(client.get("/api/v1/stats/resettable").statusCode()).isEqualTo(404);
        Problems.assertProblem(client.delete("/api/v1/stats/resettable", "Authorization", "Bearer s3cret-token"), 404);
    }

    @Test
    void answersAnUnknownPathWithA404ProblemThatLeaksNothing() {
        for (String path : new String[] {
            "/nope",
            "/api/v1/nope",
            "/api/v2/frames",
            "/actuator/nope",
            "/WEB-INF/web.xml",
            "/api/v1/frames/../../etc/passwd"
        }) {
            HttpResponse<byte[]> response = client().get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            Problems.assertNoLeak(response);
        }
    }

    @Test
    void answersAWrongMethodWithA405ProblemThatLeaksNothing() {
        HttpResponse<byte[]> get = client().get("/api/v1/frames");
        Problems.assertProblem(get, 405);
        HttpResponse<byte[]> delete = client().delete("/api/v1/frames");
        Problems.assertProblem(delete, 405);
    }

    @Test
    void answersAnUnacceptableAcceptHeaderWithA406ThatLeaksNothing() {
        HttpResponse<byte[]> response = client().postFrame(
                        "stream=acc&width=4&height=4", "application/octet-stream", new byte[16], "Accept", "text/csv");
        assertThat(response.statusCode()).isEqualTo(406);
        Problems.assertNoLeak(response);
    }

    /** Tomcat refuses headers over {@code server.max-http-request-header-size} itself; its page must not name it. */
    @Test
    void refusesAnOversizedHeaderWithoutNamingTheServer() {
        RawHttp.Answer answer = RawHttp.sendHead(
                port,
                "GET /api/v1/stats HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(32 * 1024)
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).as(answer.head()).isIn(400, 431);
        assertThat(answer.header("Server")).isNull();
        Problems.assertNoLeak(answer.body());
    }

    @Test
    void refusesAMalformedRequestWithoutNamingTheServer() {
        for (String line :
                new String[] {"GET /api/v1/%zz HTTP/1.1", "GET /a\u0001b HTTP/1.1", "BREW /api/v1/stats HTTP/1.1"}) {
            RawHttp.Answer answer = RawHttp.sendHead(port, line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as(line + " -> " + answer.head()).isBetween(400, 499);
            assertThat(answer.header("Server")).isNull();
            Problems.assertNoLeak(answer.body());
        }
    }

    @Test
    void sendsNoServerHeaderOnSuccessOrError() {
        Problems.assertNoLeak(client().get("/api/v1/stats"));
        Problems.assertNoLeak(management().get("/actuator/health"));
        Problems.assertNoLeak(client().postFrame("stream=x", "image/png", new byte[] {1, 2}));
    }
}

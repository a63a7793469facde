package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** Assertions on answers: a documented RFC 9457 problem, and nothing an attacker could learn the stack from. */
final class Problems {

    /** Fragments that give away the implementation: stack frames, class names, server software. */
    static final String[] LEAKS = {
        "Exception",
        "\tat ",
        "java.",
        "javax.",
        "jakarta.",
        "org.springframework",
        "org.apache",
        "Tomcat",
        "Caused by",
        "trace"
    };

    private Problems() {}

    /** The answer is a problem document of the status, with a title and a detail, and leaks nothing. */
    static JsonNode assertProblem(HttpResponse<byte[]> response, int status) {
        String text = FrameClient.text(response);
        assertThat(response.statusCode()).as(text).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .as(text)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = FrameClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertNoLeak(response);
        return problem;
    }

    /** No {@code Server} header, no stack trace, class name or server version in the body. */
    static void assertNoLeak(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("Server")).as("Server header").isEmpty();
        assertThat(response.headers().firstValue("X-Powered-By"))
                .as("X-Powered-By header")
                .isEmpty();
        assertNoLeak(FrameClient.text(response));
    }

    static void assertNoLeak(String text) {
        assertThat(text).doesNotContain(LEAKS);
    }
}

package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document as clients read it: every operation states its security (the reset names
 * the bearer scheme, the others none), every response header has a schema. The document is kept
 * in {@code target/openapi/api-docs.json}, where {@code scripts/lint-openapi.sh} lints it with
 * Redocly's recommended rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTests {

    @LocalServerPort
    int port;

    @Test
    void declaresSecurityOnEveryOperationAndASchemaOnEveryHeader() throws IOException {
        FrameClient client = new FrameClient(port);
        String text = FrameClient.text(client.get("/v3/api-docs"));
        Path out = Path.of("target", "openapi", "api-docs.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        JsonNode document = FrameClient.json(client.get("/v3/api-docs"));

        JsonNode bearer = document.get("components").get("securitySchemes").get(WebConfiguration.OPERATOR_TOKEN);
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        JsonNode paths = document.get("paths");
        int operations = 0;
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                operations++;
                JsonNode security = operation.getValue().get("security");
                assertThat(security)
                        .as(operation.getKey() + " " + path.getKey() + " security")
                        .isNotNull();
                boolean protectedOperation =
                        "delete".equals(operation.getKey()) || path.getKey().equals("/api/v1/classifier/model");
                assertThat(security.isEmpty())
                        .as(operation.getKey() + " " + path.getKey())
                        .isEqualTo(!protectedOperation);
                if (protectedOperation) {
                    assertThat(security.get(0).has(WebConfiguration.OPERATOR_TOKEN))
                            .isTrue();
                    assertThat(operation.getValue().toString()).doesNotContain("\"name\":\"Authorization\"");
                }
                for (var response : operation.getValue().get("responses").properties()) {
                    JsonNode headers = response.getValue().get("headers");
                    if (headers != null) {
                        for (var header : headers.properties()) {
                            assertThat(header.getValue().has("schema"))
                                    .as(path.getKey() + " " + response.getKey() + " " + header.getKey())
                                    .isTrue();
                        }
                    }
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(4);
        // A generated client asks for the only documented representation of the reset's answers.
        assertThat(client.delete("/api/v1/stats/default", "Accept", "application/problem+json")
                        .statusCode())
                .isEqualTo(403);
        assertThat(paths.get("/api/v1/frames")
                        .get("post")
                        .get("responses")
                        .get("503")
                        .get("headers")
                        .has("Retry-After"))
                .isTrue();
    }
}

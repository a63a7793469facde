package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Detector options over real HTTP: per request, per stream, echoed; unknown names and bad values refused. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "framepipe.stats.max-streams=1000",
            "framepipe.streams.belt.detector.split=touching",
            "framepipe.streams.belt.detector.object-diameter=20-60",
            "framepipe.streams.belt.detector.min-area=30"
        })
class DetectorOptionsApiTests {

    private static final SyntheticScene PAIRS = SyntheticFrames.builder(320, 240)
            .seed(11)
            .objects(8)
            .kinds(PaintedShape.DISC)
            .sizeRange(26, 36)
            .touchingPairs(0.1)
            .build();
    private static final SyntheticScene RINGS = SyntheticFrames.builder(320, 240)
            .seed(12)
            .objects(6)
            .kinds(PaintedShape.RING)
            .sizeRange(30, 50)
            .build();

    @LocalServerPort
    int port;

    private HttpResponse<byte[]> post(String query, SyntheticScene scene) {
        return new FrameClient(port)
                .postFrame(query, "image/png", EncodedSamples.encode(scene.frame(), FrameFormat.PNG));
    }

    private JsonNode frames(String stream) {
        return new FrameClient(port).getJson("/api/v1/stats/" + stream).get("frames");
    }

    private static JsonNode report(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(FrameClient.text(response)).isEqualTo(200);
        return FrameClient.json(response);
    }

    @Test
    void aRequestSplitsTouchingObjectsWhenItAsks() {
        JsonNode whole = report(post("stream=pairs", PAIRS));
        JsonNode split = report(post("stream=pairs&split=touching&object-diameter=20-40", PAIRS));
        assertThat(whole.get("objectCount").asInt()).isEqualTo(PAIRS.truth().size() / 2);
        assertThat(split.get("objectCount").asInt()).isEqualTo(PAIRS.truth().size());
        assertThat(split.get("detector").get("split").asString()).isEqualTo("touching");
        assertThat(split.get("detector").get("object-diameter").asString()).isEqualTo("20-40");
        assertThat(whole.get("detector").get("split").asString()).isEqualTo("none");
    }

    @Test
    void aStreamsConfiguredOptionsApplyAndARequestOverridesThem() {
        JsonNode belt = report(post("stream=belt", PAIRS));
        assertThat(belt.get("objectCount").asInt()).isEqualTo(PAIRS.truth().size());
        assertThat(belt.get("detector").get("object-diameter").asString()).isEqualTo("20-60");
        assertThat(belt.get("detector").get("min-area").asString()).isEqualTo("30");
        JsonNode overridden = report(post("stream=belt&split=none", PAIRS));
        assertThat(overridden.get("objectCount").asInt())
                .isEqualTo(PAIRS.truth().size() / 2);
        assertThat(overridden.get("detector").get("min-area").asString()).isEqualTo("30");
    }

    @Test
    void reportsTheMethodThePolarityRuleAndEachObjectsHoles() {
        JsonNode report = report(post("stream=rings", RINGS));
        assertThat(report.get("thresholdMethod").asString()).isEqualTo("OTSU");
        assertThat(report.get("polarityRule").asString()).isEqualTo("BORDER");
        assertThat(report.get("polarity").asString()).isEqualTo("BRIGHT");
        assertThat(report.get("objectCount").asInt()).isEqualTo(RINGS.truth().size());
        for (JsonNode object : report.get("objects")) {
            assertThat(object.get("holes").asInt()).isEqualTo(1);
            assertThat(object.get("holeArea").asLong()).isPositive();
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryDetectorOption() {
        JsonNode parameters = new FrameClient(port)
                .getJson("/v3/api-docs")
                .get("paths")
                .get("/api/v1/frames")
                .get("post")
                .get("parameters");
        java.util.Map<String, String> described = new java.util.HashMap<>();
        for (JsonNode parameter : parameters) {
            described.put(
                    parameter.get("name").asString(),
                    parameter.path("description").asString(""));
        }
        for (String option : dev.framepipe.detection.DetectorOption.parameters()) {
            assertThat(described).containsKey(option);
            assertThat(described.get(option)).as(option).isNotBlank();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "splitt=touching, splitt, unknown-parameter",
        "threshold=90, threshold, unknown-parameter",
        "split=touchin, split, invalid-detector-option",
        "object-diameter=40-20, object-diameter, invalid-detector-option",
        "threshold-level=300, threshold-level, invalid-detector-option",
        "fill-holes=yes, fill-holes, invalid-detector-option",
        "connectivity=6, connectivity, invalid-detector-option",
        "min-area=50&max-area=10, max-area, invalid-detector-option",
        "split=none&split=touching, split, invalid-detector-option"
    })
    void refusesAnUnknownParameterOrABadValueNamingItCountedOnceAsRejected(
            String query, String parameter, String type) {
        String stream = "refused-" + Math.abs(query.hashCode());
        HttpResponse<byte[]> response = post("stream=" + stream + "&" + query, RINGS);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = FrameClient.json(response);
        assertThat(problem.get("type").asString()).endsWith("/" + type);
        assertThat(problem.get("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).contains("'" + parameter + "'");
        JsonNode frames = frames(stream);
        assertThat(frames.get("rejected").asLong()).isEqualTo(1);
        assertThat(frames.get("total").asLong()).isEqualTo(1);
    }
}

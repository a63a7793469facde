package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.framepipe.frame.DecompressionBombs;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.testing.TruthObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The frames API over real HTTP: every input form, the annotated PNG, and every error status. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "framepipe.limits.max-body-size=2MB")
class FrameApiTests {

    private static final SyntheticScene SCENE = SyntheticFrames.builder(320, 240)
            .seed(7)
            .objects(12)
            .kinds(PaintedShape.DISC, PaintedShape.RECTANGLE, PaintedShape.BAR)
            .sizeRange(14, 36)
            .build();
    /** Objects per class the scene's truth expects, and none of the classifier's other class: what every report counts. */
    private static final Map<String, Integer> EXPECTED_COUNTS = expectedCounts();

    @LocalServerPort
    int port;

    private FrameClient client() {
        return new FrameClient(port);
    }

    private static void assertReport(HttpResponse<byte[]> response, String stream) {
        assertThat(response.statusCode()).as(FrameClient.text(response)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("Server-Timing"))
                .hasValueSatisfying(t -> assertThat(t)
                        .contains("decode;dur=", "detect;dur=", "size;dur=", "classify;dur=", "total;dur="));
        JsonNode report = FrameClient.json(response);
        assertThat(report.get("stream").asString()).isEqualTo(stream);
        assertThat(report.get("width").asInt()).isEqualTo(320);
        assertThat(report.get("height").asInt()).isEqualTo(240);
        assertThat(report.get("outcome").asString()).isEqualTo("ok");
        assertThat(report.get("objectCount").asInt()).isEqualTo(SCENE.truth().size());
        Map<String, Integer> counts = new TreeMap<>();
        report.get("countsByClass")
                .properties()
                .forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
        assertThat(counts).isEqualTo(EXPECTED_COUNTS);
        assertThat(report.get("objects")).hasSize(SCENE.truth().size());
        for (JsonNode object : report.get("objects")) {
            double x = object.get("centroid").get("x").asDouble();
            double y = object.get("centroid").get("y").asDouble();
            TruthObject truth = SCENE.truth().stream()
                    .min(Comparator.comparingDouble(t -> Math.hypot(t.cx() - x, t.cy() - y)))
                    .orElseThrow();
            String at = "object at (" + x + ", " + y + ")";
            assertThat(Math.hypot(truth.cx() - x, truth.cy() - y)).as(at).isLessThan(1.5);
            assertThat(object.get("label").asString()).as(at).isEqualTo(truth.expectedClass());
            assertThat(object.get("size").get("equivalentDiameter").asDouble())
                    .as(at)
                    .isCloseTo(truth.equivalentDiameter(), withinPercentage(10));
            assertThat(object.get("confidence").asDouble()).as(at).isBetween(0.0, 1.0);
        }
    }

    private static Map<String, Integer> expectedCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String label : new String[] {"round", "elongated", "rectangular", "irregular"}) {
            counts.put(label, 0);
        }
        SCENE.truth().forEach(truth -> counts.merge(truth.expectedClass(), 1, Integer::sum));
        return counts;
    }

    @ParameterizedTest
    @EnumSource(value = FrameFormat.class, names = "RAW_GRAY8", mode = EnumSource.Mode.EXCLUDE)
    void analysesEveryImageFormatSentAsTheBody(FrameFormat format) {
        byte[] body = EncodedSamples.encode(SCENE.frame(), format);
        assertReport(
                client().postFrame("stream=fmt-" + format.name().toLowerCase(), format.mediaType(), body),
                "fmt-" + format.name().toLowerCase());
    }

    @Test
    void analysesRawGray8WithWidthAndHeight() {
        assertReport(
                client().postFrame(
                                "stream=raw&width=320&height=240",
                                "application/octet-stream",
                                SCENE.frame().gray()),
                "raw");
    }

    @Test
    void analysesAMultipartFramePart() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        assertReport(client().postMultipart("stream=upload", "frame", "image/png", png), "upload");
    }

    @Test
    void recognisesAnUntypedUploadByItsMagicBytes() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        assertReport(client().postFrame("stream=sniffed", "application/octet-stream", png), "sniffed");
    }

    @Test
    void answersTheAnnotatedFrameForAcceptImagePng() throws Exception {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        HttpResponse<byte[]> response = client().postFrame("stream=annotated", "image/png", png, "Accept", "image/png");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        boolean coloured = false;
        for (int y = 0; y < image.getHeight() && !coloured; y++) {
            for (int x = 0; x < image.getWidth() && !coloured; x++) {
                int rgb = image.getRGB(x, y);
                coloured = ((rgb >> 16) & 0xFF) != (rgb & 0xFF);
            }
        }
        assertThat(coloured).as("boxes are drawn in colour").isTrue();
    }

    @Test
    void answersReportAndAnnotatedFrameTogetherForAcceptMultipart() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        HttpResponse<byte[]> response =
                client().postFrame("stream=both", "image/png", png, "Accept", "multipart/form-data");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        t -> assertThat(t).startsWith("multipart/form-data").contains("boundary="));
        String body = new String(response.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("name=\"report\"", "name=\"annotated\"", "Content-Type: image/png", "\u0089PNG")
                .contains("\"objectCount\":" + SCENE.truth().size());
        JsonNode stats = client().getJson("/api/v1/stats/both");
        assertThat(stats.get("frames").get("ok").asLong())
                .as("one request, one frame")
                .isEqualTo(1);
    }

    @Test
    void trimsTheReportToTheRequestedDetail() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        JsonNode full = FrameClient.json(client().postFrame("stream=detail&detail=full", "image/png", png));
        JsonNode objects = FrameClient.json(client().postFrame("stream=detail&detail=objects", "image/png", png));
        JsonNode counts = FrameClient.json(client().postFrame("stream=detail&detail=counts", "image/png", png));

        assertThat(full.get("objects").get(0).has("size")).isTrue();
        assertThat(objects.get("objects")).hasSize(SCENE.truth().size());
        JsonNode box = objects.get("objects").get(0);
        assertThat(box.has("size")).isFalse();
        assertThat(box.has("features")).isFalse();
        assertThat(box.get("box")).isEqualTo(full.get("objects").get(0).get("box"));
        assertThat(box.get("label")).isEqualTo(full.get("objects").get(0).get("label"));
        assertThat(counts.has("objects")).isFalse();
        assertThat(counts.get("objectCount").asInt()).isEqualTo(SCENE.truth().size());
        assertThat(counts.get("countsByClass")).isEqualTo(full.get("countsByClass"));
        assertThat(client().getJson("/api/v1/stats/detail")
                        .get("frames")
                        .get("ok")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void refusesAnUnknownDetail() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        assertProblem(client().postFrame("stream=bad&detail=boxes", "image/png", png), 400, "detail 'boxes'");
    }

    private static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String detailFragment) {
        assertThat(response.statusCode()).as(FrameClient.text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = FrameClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).containsIgnoringCase(detailFragment);
        String text = FrameClient.text(response);
        assertThat(text).doesNotContain("Exception", "\tat ", "trace");
        return problem;
    }

    @Test
    void refusesRawFramesWhoseLengthIsNotWidthTimesHeight() {
        assertProblem(
                client().postFrame(
                                "stream=bad&width=320&height=240",
                                "application/octet-stream",
                                Arrays.copyOf(SCENE.frame().gray(), 320 * 240 - 1)),
                400,
                "76800");
    }

    @Test
    void refusesRawFramesWithoutBothDimensions() {
        assertProblem(
                client().postFrame("stream=bad&width=320", "application/octet-stream", new byte[320 * 240]),
                400,
                "height");
    }

    @Test
    void refusesNonNumericWidth() {
        assertProblem(
                client().postFrame("stream=bad&width=wide&height=2", "application/octet-stream", new byte[4]),
                400,
                "width");
    }

    @Test
    void refusesAnEmptyBody() {
        assertProblem(client().postFrame("stream=bad", "image/png", new byte[0]), 400, "empty");
    }

    @Test
    void refusesAnInvalidStreamName() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        assertProblem(client().postFrame("stream=no%20spaces", "image/png", png), 400, "stream");
    }

    @Test
    void refusesMultipartWithoutOrWithTwoFrameParts() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        assertProblem(client().postMultipart("stream=bad", "image", "image/png", png), 400, "frame");
        assertProblem(
                client().postMultipart("stream=bad", "frame", "image/png", png, "frame", "image/png", png),
                400,
                "2 parts");
    }

    @Test
    void refusesABodyOverTheLimit() {
        assertProblem(
                client().postFrame("stream=big", "application/octet-stream", new byte[3 * 1024 * 1024]), 413, "limit");
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        assertProblem(
                client().postFrame("stream=bomb", "image/png", DecompressionBombs.of(FrameFormat.PNG)), 413, "100000");
    }

    @Test
    void refusesUnsupportedMediaTypes() {
        assertProblem(client().postFrame("stream=bad", "text/plain", "hello".getBytes()), 415, "");
        assertProblem(client().postFrame("stream=bad", "image/webp", new byte[] {1, 2, 3}), 415, "image/webp");
    }

    @Test
    void refusesAnUndecodableImage() {
        byte[] png = EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG);
        assertProblem(client().postFrame("stream=bad", "image/png", Arrays.copyOf(png, png.length / 2)), 422, "");
    }

    @Test
    void refusesAModelReplacementWhenNoOperatorTokenIsConfigured() {
        var response = client().put(
                        "/api/v1/classifier/model",
                        "application/octet-stream",
                        new byte[] {1, 2, 3},
                        "Authorization",
                        "Bearer anything");
        assertProblem(response, 403, "operator-token");
    }

    @Test
    void countsRefusedFramesAsRejectedNeverAsAnalysed() {
        FrameClient client = client();
        client.postFrame("stream=counted", "image/png", EncodedSamples.encode(SCENE.frame(), FrameFormat.PNG));
        client.postFrame("stream=counted", "image/png", new byte[] {1, 2, 3});
        client.postFrame("stream=counted", "text/plain", new byte[] {1, 2, 3});
        client.postFrame("stream=counted&width=3&height=3", "application/octet-stream", new byte[] {1, 2, 3});

        JsonNode frames = client.getJson("/api/v1/stats/counted").get("frames");
        assertThat(frames.get("ok").asLong()).isEqualTo(1);
        assertThat(frames.get("rejected").asLong()).isEqualTo(3);
        assertThat(frames.get("total").asLong()).isEqualTo(4);
    }

    static Frame sceneFrame() {
        return SCENE.frame();
    }
}

package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.testing.PaintedShape;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/batches} over real HTTP: streamed lines, problem lines, limits, disconnects, counting. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"framepipe.batch.max-frames=60", "framepipe.batch.max-body-size=8MB"})
class BatchApiTests {

    @LocalServerPort
    int port;

    private static SyntheticScene scene(long seed) {
        return SyntheticFrames.builder(160, 120)
                .seed(seed)
                .objects(3 + (int) (seed % 4))
                .kinds(PaintedShape.DISC, PaintedShape.RECTANGLE, PaintedShape.BAR)
                .sizeRange(12, 26)
                .build();
    }

    /** Frame {@code i} of a mixed batch: PNG, JPEG and raw gray8 (dimensions in part headers) in turn. */
    private static BatchClient.Part mixed(int i, SyntheticScene scene) {
        return switch (i % 3) {
            case 0 ->
                BatchClient.Part.frame(
                        "f" + i + ".png", "image/png", EncodedSamples.encode(scene.frame(), FrameFormat.PNG));
            case 1 ->
                BatchClient.Part.frame(
                        "f" + i + ".jpg", "image/jpeg", EncodedSamples.encode(scene.frame(), FrameFormat.JPEG));
            default ->
                BatchClient.Part.frame(
                        "f" + i + ".raw",
                        "application/octet-stream",
                        scene.frame().gray(),
                        "width",
                        "160",
                        "height",
                        "120");
        };
    }

    private JsonNode streamStats(String stream) {
        return new FrameClient(port).getJson("/api/v1/stats/" + stream);
    }

    @Test
    void aBatchOfFiftyMixedFramesGivesFiftyLinesEachTheReportOfASingleFrameAndACorrectSummary() {
        List<BatchClient.Part> parts = new ArrayList<>();
        List<SyntheticScene> scenes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            scenes.add(scene(i));
            parts.add(mixed(i, scenes.get(i)));
        }
        HttpResponse<String> answer = new BatchClient(port).post("stream=batch-mixed", parts);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<JsonNode> lines = BatchClient.lines(answer.body());
        assertThat(lines).hasSize(51);
        JsonNode summary = lines.get(50).get("summary");
        assertThat(summary).as("the last line is the summary").isNotNull();
        Set<Integer> indices = new HashSet<>();
        Map<String, Integer> objectsByClass = new HashMap<>();
        int objects = 0;
        FrameClient single = new FrameClient(port);
        for (JsonNode line : lines.subList(0, 50)) {
            int index = line.get("index").asInt();
            indices.add(index);
            assertThat(line.get("filename").asString())
                    .isEqualTo(parts.get(index).filename());
            assertThat(line.get("status").asInt()).isEqualTo(200);
            JsonNode report = line.get("report");
            assertThat(report.get("stream").asString()).isEqualTo("batch-mixed");
            assertThat(report.get("outcome").asString()).isEqualTo("ok");
            if (index % 3 != 1) {
                assertThat(report.get("objectCount").asInt())
                        .as("lossless frame %d", index)
                        .isEqualTo(scenes.get(index).truth().size());
            }
            if (index < 3) {
                // the same bytes posted alone give the same analysis
                BatchClient.Part part = parts.get(index);
                JsonNode alone = FrameClient.json(single.postFrame(
                        "stream=batch-single" + (index == 2 ? "&width=160&height=120" : ""),
                        part.contentType(),
                        part.data()));
                assertThat(report.get("countsByClass")).isEqualTo(alone.get("countsByClass"));
                assertThat(report.get("objects").size())
                        .isEqualTo(alone.get("objects").size());
                assertThat(report.get("objects").get(0).get("size"))
                        .isEqualTo(alone.get("objects").get(0).get("size"));
            }
            objects += report.get("objectCount").asInt();
            report.get("countsByClass")
                    .properties()
                    .forEach(e -> objectsByClass.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
        }
        assertThat(indices).hasSize(50).allMatch(i -> i >= 0 && i < 50);
        assertThat(summary.get("frames").asInt()).isEqualTo(50);
        assertThat(summary.get("byOutcome").get("ok").asInt()).isEqualTo(50);
        assertThat(summary.get("byOutcome").get("rejected").asInt()).isZero();
        assertThat(summary.get("objects").asInt()).isEqualTo(objects);
        objectsByClass.forEach((label, count) ->
                assertThat(summary.get("objectsByClass").get(label).asInt()).isEqualTo(count));
        assertThat(summary.get("framesPerSecond").asDouble()).isPositive();
        assertThat(summary.get("stopped").isNull()).isTrue();

        JsonNode stats = streamStats("batch-mixed");
        assertThat(stats.get("frames").get("total").asLong())
                .as("each frame counted once")
                .isEqualTo(50);
        assertThat(stats.get("frames").get("ok").asLong()).isEqualTo(50);
        assertThat(stats.get("objects").asLong()).isEqualTo(objects);
        objectsByClass.forEach((label, count) -> {
            if (count > 0) {
                assertThat(stats.get("objectsByClass").get(label).asLong())
                        .as(label)
                        .isEqualTo((long) count);
            }
        });
    }

    @Test
    void corruptPartsGiveProblemLinesWhileTheRestSucceedAndTheStatisticsEqualTheSumOfTheLines() {
        List<BatchClient.Part> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            parts.add(mixed(i, scene(100 + i)));
        }
        byte[] png = parts.get(0).data();
        parts.set(3, BatchClient.Part.frame("truncated.png", "image/png", Arrays.copyOf(png, png.length / 2)));
        parts.set(6, BatchClient.Part.frame("notes.txt", "text/plain", "not a frame".getBytes(StandardCharsets.UTF_8)));
        parts.set(
                8,
                BatchClient.Part.frame(
                        "short.raw", "application/octet-stream", new byte[100], "width", "160", "height", "120"));
        parts.set(10, new BatchClient.Part("picture", "wrong-name.png", "image/png", png, List.of()));

        HttpResponse<String> answer = new BatchClient(port).post("stream=batch-corrupt", parts);

        assertThat(answer.statusCode()).isEqualTo(200);
        List<JsonNode> lines = BatchClient.lines(answer.body());
        assertThat(lines).hasSize(13);
        Map<Integer, JsonNode> byIndex = new HashMap<>();
        lines.subList(0, 12).forEach(l -> byIndex.put(l.get("index").asInt(), l));
        assertThat(byIndex).hasSize(12);
        Map<Integer, Integer> expected = Map.of(3, 422, 6, 415, 8, 400, 10, 400);
        int ok = 0;
        Map<String, Integer> objectsByClass = new HashMap<>();
        for (var entry : byIndex.entrySet()) {
            JsonNode line = entry.getValue();
            Integer status = expected.get(entry.getKey());
            if (status != null) {
                assertThat(line.get("status").asInt()).as(line.toString()).isEqualTo(status);
                assertThat(line.get("problem").get("type").asString()).startsWith("https://framepipe.dev/problems/");
                assertThat(line.get("problem").get("detail").asString()).isNotBlank();
                assertThat(line.has("report")).isFalse();
            } else {
                assertThat(line.get("report").get("outcome").asString())
                        .as(line.toString())
                        .isEqualTo("ok");
                ok++;
                line.get("report")
                        .get("countsByClass")
                        .properties()
                        .forEach(e ->
                                objectsByClass.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
            }
        }
        JsonNode summary = lines.get(12).get("summary");
        assertThat(summary.get("byOutcome").get("ok").asInt()).isEqualTo(ok).isEqualTo(8);
        assertThat(summary.get("byOutcome").get("rejected").asInt()).isEqualTo(4);

        JsonNode stats = streamStats("batch-corrupt");
        assertThat(stats.get("frames").get("ok").asLong()).isEqualTo(8);
        assertThat(stats.get("frames").get("rejected").asLong()).isEqualTo(4);
        assertThat(stats.get("frames").get("total").asLong()).isEqualTo(12);
        objectsByClass.forEach((label, count) -> assertThat(
                        stats.get("objectsByClass").path(label).asLong(0))
                .as(label)
                .isEqualTo((long) count));
    }

    @Test
    void linesArriveWhileTheClientIsStillSendingTheBody() throws IOException {
        BatchClient client = new BatchClient(port);
        try (BatchClient.Streaming batch = client.open("stream=batch-live")) {
            for (int i = 0; i < 5; i++) {
                batch.send(mixed(i, scene(200 + i)));
                // the body is not finished: the line of the frame just sent must come anyway
                JsonNode line = batch.readLine();
                assertThat(batch.status()).isEqualTo(200);
                assertThat(line.get("index").asInt()).isEqualTo(i);
                assertThat(line.get("report").get("objectCount").asInt())
                        .isEqualTo(scene(200 + i).truth().size());
            }
            batch.finish();
            JsonNode summary = batch.readLine().get("summary");
            assertThat(summary.get("frames").asInt()).isEqualTo(5);
            assertThat(batch.readLine()).isNull();
        }
    }

    @Test
    void aClientThatDisconnectsAfterTenFramesStopsTheBatchAndOnlyTheFramesAnalysedAreCounted() throws Exception {
        BatchClient client = new BatchClient(port);
        try (BatchClient.Streaming batch = client.open("stream=batch-gone")) {
            for (int i = 0; i < 10; i++) {
                batch.send(mixed(i, scene(300 + i)));
                assertThat(batch.readLine().get("index").asInt()).isEqualTo(i);
            }
            // half of the eleventh part, then the connection closes
            BatchClient.Part eleventh = mixed(10, scene(310));
            batch.sendUnfinished(new BatchClient.Part(
                    "frame",
                    "f10.png",
                    "image/png",
                    Arrays.copyOf(eleventh.data(), eleventh.data().length / 2),
                    List.of()));
        }
        // The server notices at its next read; then nothing more is counted.
        long total = -1;
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            total = streamStats("batch-gone").get("frames").get("total").asLong();
        }
        assertThat(total).isEqualTo(10);
        assertThat(streamStats("batch-gone").get("frames").get("ok").asLong()).isEqualTo(10);
    }

    @Test
    void aBatchWhoseDeclaredLengthIsOverTheLimitIsRefusedWith413BeforeAnyFrameIsRead() throws IOException {
        String answer = BatchClient.sendHead(
                port,
                "POST /api/v1/batches?stream=batch-big HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (9L << 20)
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("413\n");
        assertThat(answer)
                .contains(
                        "application/problem+json",
                        "https://framepipe.dev/problems/batch-too-large",
                        "framepipe.batch.max-body-size");
        assertThat(new FrameClient(port).get("/api/v1/stats/batch-big").statusCode())
                .as("no frame was read, so none is counted")
                .isIn(200, 404);
        JsonNode stats = new FrameClient(port).getJson("/api/v1/stats");
        assertThat(stats.get("streams")
                        .path("batch-big")
                        .path("frames")
                        .path("total")
                        .asLong(0))
                .isZero();
    }

    @Test
    void aFrameBeyondTheFrameLimitIsAnswered413AndEndsTheBatch() {
        List<BatchClient.Part> parts = new ArrayList<>();
        byte[] tiny = EncodedSamples.encode(scene(400).frame(), FrameFormat.PNG);
        for (int i = 0; i < 65; i++) {
            parts.add(BatchClient.Part.frame("t" + i + ".png", "image/png", tiny));
        }
        HttpResponse<String> answer = new BatchClient(port).post("stream=batch-limit", parts);

        List<JsonNode> lines = BatchClient.lines(answer.body());
        assertThat(lines).hasSize(62);
        JsonNode refused = lines.stream()
                .filter(l -> l.path("index").asInt(-1) == 60)
                .findFirst()
                .orElseThrow();
        assertThat(refused.get("status").asInt()).isEqualTo(413);
        assertThat(refused.get("problem").get("type").asString())
                .isEqualTo("https://framepipe.dev/problems/batch-too-large");
        JsonNode summary = lines.get(61).get("summary");
        assertThat(summary.get("stopped").asString()).isEqualTo("frame-limit");
        assertThat(summary.get("frames").asInt()).isEqualTo(61);
        assertThat(summary.get("byOutcome").get("ok").asInt()).isEqualTo(60);
        JsonNode stats = streamStats("batch-limit");
        assertThat(stats.get("frames").get("total").asLong()).isEqualTo(61);
        assertThat(stats.get("frames").get("rejected").asLong()).isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheOperationAndItsNdjsonStream() {
        JsonNode operation = new FrameClient(port)
                .getJson("/v3/api-docs")
                .get("paths")
                .get("/api/v1/batches")
                .get("post");
        assertThat(operation.get("requestBody").get("content").has("multipart/form-data"))
                .isTrue();
        assertThat(operation.get("parameters").findValuesAsString("name"))
                .contains(
                        "stream",
                        "width",
                        "height",
                        "detail",
                        "polarity",
                        "threshold-method",
                        "split",
                        "object-diameter",
                        "min-area",
                        "exclude-border");
        JsonNode ok = operation.get("responses").get("200");
        assertThat(ok.get("content").has("application/x-ndjson")).isTrue();
        assertThat(operation.get("description").asString()).contains("summary", "index", "problem");
        assertThat(operation.get("responses").has("413")).isTrue();
    }

    @Test
    void anUnknownQueryParameterIsRefusedWith400NamingIt() {
        HttpResponse<String> answer =
                new BatchClient(port).post("stream=batch-q&treshold=5", List.of(mixed(0, scene(500))));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("treshold", "stream, width, height");
    }

    @Test
    void detectorOptionsAndDetailOfTheQueryApplyToEveryFrameOfTheBatch() {
        HttpResponse<String> answer = new BatchClient(port)
                .post(
                        "stream=batch-options&min-area=100000&detail=counts",
                        List.of(mixed(0, scene(0)), mixed(1, scene(1))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> lines = BatchClient.lines(answer.body());
        assertThat(lines).hasSize(3);
        for (JsonNode line : lines.subList(0, 2)) {
            JsonNode report = line.get("report");
            assertThat(report.get("detector").get("min-area").asString()).isEqualTo("100000");
            assertThat(report.get("objectCount").asInt())
                    .as("no synthetic object is that large")
                    .isZero();
            assertThat(report.has("objects"))
                    .as("detail=counts leaves the object list out")
                    .isFalse();
        }
    }
}

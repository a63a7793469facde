package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The classifier API over real HTTP with the ONNX classifier: the active model's identity, hot
 * swaps under load, a rejected model, the operator token, and the stored model after a restart.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"framepipe.classifier.kind=onnx", "framepipe.security.operator-token=op-token"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassifierApiTests {

    private static final Path MODEL_DIR = temporaryDirectory();
    private static final String[] AUTH = {"Authorization", "Bearer op-token"};

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void modelDir(DynamicPropertyRegistry registry) {
        registry.add("framepipe.classifier.model-dir", MODEL_DIR::toString);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("framepipe-models-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeModelDir() throws IOException {
        try (var files = Files.walk(MODEL_DIR)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = ClassifierApiTests.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FrameClient client() {
        return new FrameClient(port);
    }

    private HttpResponse<byte[]> put(byte[] model, String... headers) {
        return client().put("/api/v1/classifier/model", "application/octet-stream", model, headers);
    }

    @Test
    @Order(1)
    void showsTheActiveModelInTheApiTheInfoEndpointAndEveryReport() {
        JsonNode active = client().getJson("/api/v1/classifier");
        assertThat(active.get("kind").asString()).isEqualTo("onnx");
        assertThat(active.get("name").asString()).isEqualTo("framepipe-shape-cnn");
        assertThat(active.get("sha256").asString()).hasSize(64);
        assertThat(active.get("labels").size()).isEqualTo(4);
        assertThat(active.get("loadedAt").asString()).isNotBlank();

        JsonNode info =
                new FrameClient(managementPort).getJson("/actuator/info").get("classifier");
        assertThat(info.get("sha256").asString()).isEqualTo(active.get("sha256").asString());
        SyntheticScene scene = SyntheticFrames.builder(160, 120)
                .seed(5)
                .objects(4)
                .sizeRange(12, 30)
                .build();
        JsonNode report = FrameClient.json(client().postFrame(
                        "stream=identity&width=160&height=120",
                        "application/octet-stream",
                        scene.frame().gray()));
        assertThat(report.get("model").get("sha256").asString())
                .isEqualTo(active.get("sha256").asString());
    }

    @Test
    @Order(3)
    void answersACorruptModelWith422AndKeepsServingTheOldOne() {
        String before = client().getJson("/api/v1/classifier").get("sha256").asString();

        HttpResponse<byte[]> corrupt = put(new byte[] {0x08, 0x07, 0x12, 0x03, 'b', 'a', 'd'}, AUTH);
        HttpResponse<byte[]> mismatch = put(resource("models/labels-mismatch.onnx"), AUTH);

        assertThat(corrupt.statusCode()).isEqualTo(422);
        assertThat(FrameClient.json(corrupt).get("type").asString()).endsWith("/model-rejected");
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(client().getJson("/api/v1/classifier").get("sha256").asString())
                .isEqualTo(before);
        SyntheticScene scene = SyntheticFrames.builder(160, 120)
                .seed(6)
                .objects(4)
                .sizeRange(12, 30)
                .build();
        HttpResponse<byte[]> frame = client().postFrame(
                        "stream=after-reject&width=160&height=120",
                        "application/octet-stream",
                        scene.frame().gray());
        assertThat(frame.statusCode()).isEqualTo(200);
        assertThat(FrameClient.json(frame).get("model").get("sha256").asString())
                .isEqualTo(before);
    }

    @Test
    @Order(4)
    void swapsUnderSixteenConcurrentClientsWithoutLosingOrFailingAFrame() throws Exception {
        byte[] shipped = resource("models/shape-classifier.onnx");
        byte[] other = resource("models/swap-b.onnx");
        FrameClient client = client();
        List<SyntheticScene> scenes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            scenes.add(SyntheticFrames.builder(160, 120)
                    .seed(300 + i)
                    .objects(3 + i)
                    .sizeRange(10, 30)
                    .build());
        }
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean swapping = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int id = c;
            clients.add(pool.submit(() -> {
                int i = 0;
                while (swapping.get() || i < 5) {
                    SyntheticScene scene = scenes.get((id + i++) % scenes.size());
                    HttpResponse<byte[]> response = client.postFrame(
                            "stream=swap&width=160&height=120",
                            "application/octet-stream",
                            scene.frame().gray());
                    sent.incrementAndGet();
                    assertThat(response.statusCode())
                            .as(FrameClient.text(response))
                            .isEqualTo(200);
                    JsonNode report = FrameClient.json(response);
                    assertThat(report.get("outcome").asString()).isEqualTo("ok");
                    seen.add(report.get("model").get("sha256").asString());
                    assertThat(report.get("countsByClass").size()).isEqualTo(4);
                }
                return null;
            }));
        }
        try {
            for (int swap = 0; swap < 6; swap++) {
                HttpResponse<byte[]> response = put(swap % 2 == 0 ? other : shipped, AUTH);
                assertThat(response.statusCode()).as(FrameClient.text(response)).isEqualTo(200);
                accepted.add(FrameClient.json(response).get("sha256").asString());
                Thread.sleep(100);
            }
        } finally {
            swapping.set(false);
        }
        for (Future<?> c : clients) {
            c.get(2, TimeUnit.MINUTES);
        }
        pool.shutdownNow();

        assertThat(accepted).hasSize(2);
        assertThat(accepted).containsAll(seen);
        assertThat(seen).hasSize(2);
        assertThat(client.getJson("/api/v1/stats/swap").get("frames").get("ok").asLong())
                .isEqualTo(sent.get());
        assertThat(new FrameClient(managementPort)
                        .getJson("/actuator/metrics/framepipe.classifier.model.loads?tag=outcome:accepted")
                        .get("measurements")
                        .get(0)
                        .get("value")
                        .asDouble())
                .isGreaterThanOrEqualTo(7);
    }

    @Test
    @Order(5)
    void loadsTheSwappedModelAfterARestart() {
        HttpResponse<byte[]> swapped = put(resource("models/swap-b.onnx"), AUTH);
        String sha = FrameClient.json(swapped).get("sha256").asString();

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(FramePipeApplication.class)
                .properties(
                        "server.port=0",
                        "framepipe.classifier.kind=onnx",
                        "framepipe.classifier.model-dir=" + MODEL_DIR)
                .run()) {
            int restartedPort =
                    ((WebServerApplicationContext) restarted).getWebServer().getPort();
            JsonNode active = new FrameClient(restartedPort).getJson("/api/v1/classifier");
            assertThat(active.get("sha256").asString()).isEqualTo(sha);
            assertThat(active.get("name").asString()).isEqualTo("framepipe-swap-b");
        }
    }

    @Test
    @Order(6)
    void refusesToStartWithABadModelNamingItsPath() throws IOException {
        Path broken = MODEL_DIR.resolve("broken-at-start.onnx");
        Files.write(broken, new byte[] {0x08, 0x07, 0x12, 0x03, 'b', 'a', 'd'});

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new SpringApplicationBuilder(FramePipeApplication.class)
                                .properties(
                                        "server.port=0",
                                        "framepipe.classifier.kind=onnx",
                                        "framepipe.classifier.model-path=" + broken)
                                .run()
                                .close())
                .hasStackTraceContaining("Stage 'classify' failed to initialise")
                .hasStackTraceContaining(broken.toString());
    }
}

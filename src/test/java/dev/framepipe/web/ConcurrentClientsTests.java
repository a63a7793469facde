package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Many clients at once over real HTTP: every frame is counted exactly once, per stream and overall. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentClientsTests {

    private static final int CLIENTS = 16;
    private static final int FRAMES_PER_CLIENT = 100;
    private static final int STREAMS = 4;

    @LocalServerPort
    int port;

    @Test
    void sixteenClientsSendingHundredFramesEachAreCountedExactlyOnce() throws Exception {
        List<SyntheticScene> scenes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            scenes.add(SyntheticFrames.builder(160, 120)
                    .seed(100 + i)
                    .objects(2 + i)
                    .sizeRange(8, 20)
                    .build());
        }
        FrameClient client = new FrameClient(port);
        JsonNode before = client.getJson("/api/v1/stats").get("overall");
        AtomicLong objects = new AtomicLong();
        AtomicLongArray framesPerStream = new AtomicLongArray(STREAMS);
        AtomicLongArray objectsPerStream = new AtomicLongArray(STREAMS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            clients.add(pool.submit(() -> {
                for (int i = 0; i < FRAMES_PER_CLIENT; i++) {
                    int stream = (id + i) % STREAMS;
                    SyntheticScene scene = scenes.get((id * 7 + i) % scenes.size());
                    HttpResponse<byte[]> response = client.postFrame(
                            "stream=line-" + stream + "&width=160&height=120",
                            "application/octet-stream",
                            scene.frame().gray());
                    assertThat(response.statusCode())
                            .as(FrameClient.text(response))
                            .isEqualTo(200);
                    int count = FrameClient.json(response).get("objectCount").asInt();
                    objects.addAndGet(count);
                    framesPerStream.incrementAndGet(stream);
                    objectsPerStream.addAndGet(stream, count);
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        JsonNode stats = client.getJson("/api/v1/stats");
        JsonNode after = stats.get("overall");
        // The context may be shared with other test classes: compare the overall counts as differences.
        assertThat(after.get("frames").get("ok").asLong()
                        - before.get("frames").get("ok").asLong())
                .isEqualTo(CLIENTS * FRAMES_PER_CLIENT);
        assertThat(after.get("frames").get("total").asLong()
                        - before.get("frames").get("total").asLong())
                .isEqualTo(CLIENTS * FRAMES_PER_CLIENT);
        assertThat(after.get("objects").asLong() - before.get("objects").asLong())
                .isEqualTo(objects.get());
        for (int s = 0; s < STREAMS; s++) {
            JsonNode stream = stats.get("streams").get("line-" + s);
            assertThat(stream.get("frames").get("ok").asLong()).isEqualTo(framesPerStream.get(s));
            assertThat(stream.get("objects").asLong()).isEqualTo(objectsPerStream.get(s));
        }
    }
}

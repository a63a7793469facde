package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.DecompressionBombs;
import dev.framepipe.frame.EncodedSamples;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.testing.SyntheticScene;
import dev.framepipe.web.FrameClient;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A bounded soak: 32 clients for {@code soak.seconds} (default 60) sending a seeded mix of
 * valid frames (raw, PNG, JPEG, multipart) and invalid ones (truncated, bombs, wrong type,
 * wrong dimensions, bad stream names). Claims: no 5xx at all, every valid frame 200, every
 * invalid one 4xx, the statistics agree with the client's counts, and the heap after GC does
 * not grow. Too long for {@code ./mvnw verify}; run it with
 * {@code ./mvnw -B -ntp test -Dtest=SoakTests -Dsoak=true}. Figures go to
 * {@code target/reliability/soak.txt}.
 */
@Tag("soak")
@EnabledIfSystemProperty(named = "soak", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SoakTests {

    static final int CLIENTS = 32;
    static final int STREAMS = 4;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** One request of the mix. */
    record Shot(boolean valid, String query, String contentType, byte[] body, boolean multipart) {}

    private static List<Shot> shots() {
        List<Shot> shots = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SyntheticScene scene = SyntheticFrames.builder(320, 240)
                    .seed(200 + i)
                    .objects(4 + 3 * i)
                    .sizeRange(8, 30)
                    .build();
            shots.add(new Shot(
                    true,
                    "width=320&height=240",
                    "application/octet-stream",
                    scene.frame().gray(),
                    false));
            shots.add(new Shot(true, "", "image/png", EncodedSamples.encode(scene.frame(), FrameFormat.PNG), false));
            shots.add(new Shot(true, "", "image/jpeg", EncodedSamples.encode(scene.frame(), FrameFormat.JPEG), false));
            shots.add(new Shot(true, "", "image/png", EncodedSamples.encode(scene.frame(), FrameFormat.PNG), true));
        }
        byte[] png = shots.get(1).body();
        shots.add(new Shot(false, "", "image/png", Arrays.copyOf(png, png.length / 2), false));
        shots.add(new Shot(false, "", "image/jpeg", png, false));
        shots.add(new Shot(false, "", "text/plain", "hello".getBytes(), false));
        shots.add(new Shot(
                false,
                "width=320&height=239",
                "application/octet-stream",
                shots.get(0).body(),
                false));
        shots.add(new Shot(
                false,
                "width=0&height=240",
                "application/octet-stream",
                shots.get(0).body(),
                false));
        shots.add(new Shot(false, "", "image/png", new byte[0], false));
        for (FrameFormat format : new FrameFormat[] {
            FrameFormat.PNG, FrameFormat.JPEG, FrameFormat.GIF, FrameFormat.BMP, FrameFormat.TIFF, FrameFormat.PGM
        }) {
            shots.add(new Shot(false, "", format.mediaType(), DecompressionBombs.of(format), false));
        }
        shots.add(new Shot(false, "stream=bad%20name&x=", "image/png", png, false));
        return shots;
    }

    @Test
    void soaksWithMixedFramesWithoutServerErrorsOrHeapGrowth() throws Exception {
        long seconds = Long.getLong("soak.seconds", 60);
        List<Shot> shots = shots();
        List<Shot> valid = shots.stream().filter(Shot::valid).toList();
        List<Shot> invalid = shots.stream().filter(s -> !s.valid()).toList();
        FrameClient client = new FrameClient(port);
        for (Shot shot : valid) {
            send(client, shot, "warm");
        }
        long heapStart = Reports.heapAfterGc();
        int threadsStart = ManagementFactory.getThreadMXBean().getThreadCount();

        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        AtomicLong latencyMicrosValid = new AtomicLong();
        long[][] validLatencies = new long[CLIENTS][];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            clients.add(pool.submit(() -> {
                Random random = new Random(1000 + id);
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    boolean good = random.nextInt(10) < 7;
                    Shot shot = good
                            ? valid.get(random.nextInt(valid.size()))
                            : invalid.get(random.nextInt(invalid.size()));
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = send(client, shot, "soak-" + random.nextInt(STREAMS));
                    long micros = (System.nanoTime() - start) / 1_000;
                    String key = (good ? "valid " : "invalid ") + response.statusCode();
                    counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                    if (good && n < latencies.length) {
                        latencies[n++] = micros;
                        latencyMicrosValid.addAndGet(micros);
                    }
                }
                validLatencies[id] = Arrays.copyOf(latencies, n);
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get(seconds + 120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long heapEnd = Reports.heapAfterGc();
        int threadsEnd = ManagementFactory.getThreadMXBean().getThreadCount();

        Map<String, Long> byStatus = new TreeMap<>();
        counts.forEach((k, v) -> byStatus.put(k, v.get()));
        long validOk = byStatus.getOrDefault("valid 200", 0L);
        long validTotal = byStatus.entrySet().stream()
                .filter(e -> e.getKey().startsWith("valid "))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long invalidTotal = byStatus.entrySet().stream()
                .filter(e -> e.getKey().startsWith("invalid "))
                .mapToLong(Map.Entry::getValue)
                .sum();
        long[] all = Arrays.stream(validLatencies).flatMapToLong(Arrays::stream).toArray();
        JsonNode overall = client.getJson("/api/v1/stats").get("overall").get("frames");
        Reports.write(
                "soak.txt",
                String.format(
                        Locale.ROOT,
                        "soak: %d clients for %d s: %d frames (%.0f/s), %d valid, %d invalid%n"
                                + "by kind and status: %s%n"
                                + "valid latency p50 %.1f ms, p99 %.1f ms%n"
                                + "stats overall: ok %d, partial %d, rejected %d, failed %d%n"
                                + "heap after GC: %d MiB at start (after warm-up), %d MiB at end%n"
                                + "live threads: %d at start, %d at end%n",
                        CLIENTS,
                        seconds,
                        validTotal + invalidTotal,
                        (validTotal + invalidTotal) / (double) seconds,
                        validTotal,
                        invalidTotal,
                        byStatus,
                        Reports.percentile(all, 50) / 1000.0,
                        Reports.percentile(all, 99) / 1000.0,
                        overall.get("ok").asLong(),
                        overall.get("partial").asLong(),
                        overall.get("rejected").asLong(),
                        overall.get("failed").asLong(),
                        heapStart >> 20,
                        heapEnd >> 20,
                        threadsStart,
                        threadsEnd));

        assertThat(byStatus.keySet()).allSatisfy(key -> assertThat(key).doesNotContain(" 5"));
        assertThat(validOk).as("every valid frame analysed").isEqualTo(validTotal);
        assertThat(byStatus).allSatisfy((key, n) -> {
            if (key.startsWith("invalid ")) {
                assertThat(Integer.parseInt(key.substring(8))).isBetween(400, 499);
            }
        });
        assertThat(overall.get("ok").asLong()).isEqualTo(validOk + valid.size());
        assertThat(overall.get("rejected").asLong()).isEqualTo(invalidTotal);
        assertThat(overall.get("failed").asLong() + overall.get("partial").asLong())
                .isZero();
        assertThat(heapEnd).as("heap after GC does not grow").isLessThan(heapStart + (64L << 20));
        assertThat(new FrameClient(managementPort)
                        .getJson("/actuator/health")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    private static HttpResponse<byte[]> send(FrameClient client, Shot shot, String stream) {
        String query = shot.query().startsWith("stream=")
                ? shot.query()
                : "stream=" + stream + (shot.query().isEmpty() ? "" : "&" + shot.query());
        return shot.multipart()
                ? client.postMultipart(query, "frame", shot.contentType(), shot.body())
                : client.postFrame(query, shot.contentType(), shot.body());
    }
}

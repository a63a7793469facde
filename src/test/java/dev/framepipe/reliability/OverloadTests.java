package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.testing.FaultyStages;
import dev.framepipe.testing.FaultyStages.Fault;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Four times the in-flight limit (limit 8, 32 concurrent clients): the excess is refused at
 * once with 503 and Retry-After, never more than 8 frames are analysed at once, every admitted
 * frame completes with 200 and every frame is counted exactly once. Refusal latencies and heap
 * figures go to {@code target/reliability/overload.txt}; no timing is asserted.
 */
@SpringBootTest(
        classes = {FramePipeApplication.class, FaultyStages.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"framepipe.pipeline.max-in-flight=8", "framepipe.pipeline.deadline=30s"})
class OverloadTests {

    static final int LIMIT = 8;
    static final int CLIENTS = 4 * LIMIT;
    static final int FRAMES_PER_CLIENT = 25;
    static final byte[] RAW = SyntheticFrames.builder(160, 120)
            .seed(4)
            .objects(6)
            .sizeRange(8, 18)
            .build()
            .frame()
            .gray();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @AfterEach
    void heal() {
        FaultyStages.reset();
    }

    record Result(int status, long micros, boolean retryAfter) {}

    private static Result timedPost(FrameClient client, String stream) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response =
                client.postFrame("stream=" + stream + "&width=160&height=120", "application/octet-stream", RAW);
        long micros = (System.nanoTime() - start) / 1_000;
        if (response.statusCode() == 503) {
            Problems.assertProblem(response, 503);
        }
        return new Result(
                response.statusCode(),
                micros,
                response.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void refusesTheExcessOfFourTimesTheLimitAtOnceAndCountsEveryFrameOnce() throws Exception {
        FrameClient client = new FrameClient(port);
        StringBuilder report = new StringBuilder();

        // Burst: the gate holds the first 8 frames in the classifier; the other 24 must be refused.
        FaultyStages.gate = new CountDownLatch(1);
        FaultyStages.set("classify", Fault.GATE);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Result>> burst = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                burst.add(pool.submit(() -> {
                    start.await();
                    return timedPost(client, "burst");
                }));
            }
            start.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // The admitted frames may still be decoding when the refusals are done (a loaded machine): wait for both.
            while ((burst.stream().filter(Future::isDone).count() < CLIENTS - LIMIT
                            || FaultyStages.AT_GATE.get() < LIMIT)
                    && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(FaultyStages.AT_GATE.get())
                    .as("frames held in the classifier")
                    .isEqualTo(LIMIT);
            // Saturated: a frame is refused before its body is read (the client sends only the head).
            RawHttp.Answer early = RawHttp.sendHead(
                    port,
                    "POST /api/v1/frames?stream=burst&width=1000&height=1000"
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: 1000000\r\nConnection: close\r\n\r\n");
            assertThat(early.status()).as(early.head()).isEqualTo(503);
            assertThat(early.header("Retry-After")).isEqualTo("1");
            // Saturated and otherwise idle: the cost of one refusal, without 32 clients competing for 2 cores.
            long[] probe = new long[50];
            for (int i = 0; i < probe.length; i++) {
                Result r = timedPost(client, "probe");
                assertThat(r.status()).isEqualTo(503);
                probe[i] = r.micros();
            }
            FaultyStages.gate.countDown();
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : burst) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            long ok = results.stream().filter(r -> r.status() == 200).count();
            long refused = results.stream().filter(r -> r.status() == 503).count();
            assertThat(ok).isEqualTo(LIMIT);
            assertThat(refused).isEqualTo(CLIENTS - LIMIT);
            assertThat(results).filteredOn(r -> r.status() == 503).allMatch(Result::retryAfter);
            JsonNode frames = client.getJson("/api/v1/stats/burst").get("frames");
            assertThat(frames.get("ok").asLong()).isEqualTo(ok);
            assertThat(frames.get("rejected").asLong()).isEqualTo(refused + 1);
            assertThat(frames.get("total").asLong()).isEqualTo(CLIENTS + 1);
            report.append(String.format(
                    Locale.ROOT,
                    "saturated, one client, 50 frames in a row: 503 latency" + " p50 %.2f ms, p99 %.2f ms%n",
                    Reports.percentile(probe, 50) / 1000.0,
                    Reports.percentile(probe, 99) / 1000.0));
            long[] refusal = results.stream()
                    .filter(r -> r.status() == 503)
                    .mapToLong(Result::micros)
                    .toArray();
            report.append(String.format(
                    Locale.ROOT,
                    "burst: %d clients, limit %d: %d x 200, %d x 503;"
                            + " 503 latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    CLIENTS,
                    LIMIT,
                    ok,
                    refused,
                    Reports.percentile(refusal, 50) / 1000.0,
                    Reports.percentile(refusal, 99) / 1000.0,
                    Reports.percentile(refusal, 100) / 1000.0));

            // Sustained: 32 clients, 25 frames each, every frame 20 ms in the classifier.
            FaultyStages.reset();
            FaultyStages.slowMillis = 20;
            FaultyStages.set("classify", Fault.SLOW);
            long heapBefore = Reports.heapAfterGc();
            ConcurrentLinkedQueue<Result> sustained = new ConcurrentLinkedQueue<>();
            AtomicInteger unexpected = new AtomicInteger();
            List<Future<?>> clients = new ArrayList<>();
            long begin = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < FRAMES_PER_CLIENT; i++) {
                        Result r = timedPost(client, "sustained");
                        if (r.status() != 200 && r.status() != 503) {
                            unexpected.incrementAndGet();
                        }
                        sustained.add(r);
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(120, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            long heapAfter = Reports.heapAfterGc();
            assertThat(unexpected.get()).isZero();
            assertThat(FaultyStages.MAX_RUNNING.get())
                    .as("frames analysed at once")
                    .isLessThanOrEqualTo(LIMIT);
            long ok2 = sustained.stream().filter(r -> r.status() == 200).count();
            long refused2 = sustained.stream().filter(r -> r.status() == 503).count();
            assertThat(ok2 + refused2).isEqualTo((long) CLIENTS * FRAMES_PER_CLIENT);
            assertThat(ok2).isPositive();
            assertThat(sustained).filteredOn(r -> r.status() == 503).allMatch(Result::retryAfter);
            JsonNode frames2 = client.getJson("/api/v1/stats/sustained").get("frames");
            assertThat(frames2.get("ok").asLong()).isEqualTo(ok2);
            assertThat(frames2.get("rejected").asLong()).isEqualTo(refused2);
            assertThat(frames2.get("failed").asLong() + frames2.get("partial").asLong())
                    .isZero();
            long[] refusal2 = sustained.stream()
                    .filter(r -> r.status() == 503)
                    .mapToLong(Result::micros)
                    .toArray();
            long[] served = sustained.stream()
                    .filter(r -> r.status() == 200)
                    .mapToLong(Result::micros)
                    .toArray();
            report.append(String.format(
                    Locale.ROOT,
                    "sustained: %d clients x %d frames in %.1f s, classifier 20 ms:"
                            + " %d x 200 (%.0f/s), %d x 503, max %d analysed at once;"
                            + " 503 latency p50 %.1f ms, p99 %.1f ms; 200 latency p50 %.1f ms, p99 %.1f ms;"
                            + " heap after GC %d MiB before, %d MiB after%n",
                    CLIENTS,
                    FRAMES_PER_CLIENT,
                    seconds,
                    ok2,
                    ok2 / seconds,
                    refused2,
                    FaultyStages.MAX_RUNNING.get(),
                    Reports.percentile(refusal2, 50) / 1000.0,
                    Reports.percentile(refusal2, 99) / 1000.0,
                    Reports.percentile(served, 50) / 1000.0,
                    Reports.percentile(served, 99) / 1000.0,
                    heapBefore >> 20,
                    heapAfter >> 20));
            assertThat(new FrameClient(managementPort)
                            .getJson("/actuator/health")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");
        } finally {
            FaultyStages.reset();
            pool.shutdownNow();
            Reports.write("overload.txt", report.toString());
        }
    }
}

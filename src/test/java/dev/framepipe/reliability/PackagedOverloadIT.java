package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.web.FrameClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15's overload from outside, as {@code scripts/overload.sh} runs it with hey, in the build: the packaged
 * jar in a JVM of its own with the container's heap ({@code -Xms768m -Xmx768m}: 1 GiB limit x Initial- and
 * MaxRAMPercentage=75) and
 * {@code -XX:+ExitOnOutOfMemoryError}, after a warm-up, 64 clients for {@code overload.seconds} (20) seconds per
 * workload, each client posting back to back with its own {@link HttpClient} (HTTP/1.1) on a platform thread:
 * valid 4096x4096 PNG frames (stream {@code png}), raw 4096x4096 frames ({@code raw}), raw 4096x4096 random noise
 * ({@code noise}), and 32 clients of 4096x4096 colour JPEGs with 32 of raw 640x480 frames ({@code mix}); the bodies
 * are {@link OverloadFrames}, the generator the script uses.
 *
 * <p>What it claims, after each workload: the process is alive; every answer was 200 or 503, every 503 an
 * RFC 9457 problem with {@code Retry-After} (no 504: no frame admitted and then late); readiness answers 200;
 * the stream's statistics count every 200 as {@code ok}, none as {@code failed}, and every 503 and every request that ended in a transport error as {@code rejected}; no frame
 * holds memory ({@code framepipe.memory.reserved} back to 0) within 10 s; and then the heap after a full collection
 * ({@code jcmd <pid> GC.class_histogram}, then the actuator's {@code jvm.memory.used{area=heap}}) is within
 * {@link #HEAP_MARGIN} of the idle heap after the warm-up. Every workload must also have frames answered 200: the
 * service keeps finishing work. Until the twelfth session the PNG and noise workloads were exempt: these clients
 * send 5 000 to 8 000 requests per 20 s flood, the refusals took most of the two processors this test shares
 * with the service, and a PNG flood analysed 2 to 43 frames. Since admitted frames are analysed on threads of
 * normal priority and the request threads run at nice 19 ({@code AnalysisThreads}; the container's JVM options,
 * which this test starts the jar with and whose effect it checks from a thread dump after the warm-up), a PNG
 * flood analyses about 150 (RELIABILITY.md, "Twelfth session"). No timing is asserted.
 *
 * <p>Issue 15 asks for 200 and 503 only. Since {@code DeadlineWatch} abandons a started frame that can no longer
 * finish (503, cause {@code late}), the 504s left came from the whole JVM stopping at a garbage collection's
 * safepoint for 0.3 to 1.1 s near a frame's deadline (RELIABILITY.md, tenth session); this test bounded their share
 * at 5 % until a longer record showed none. Since the eleventh session commits the whole heap at start, 32 runs in
 * a row had none (RELIABILITY.md, eleventh to thirteenth sessions), and a 504 now fails the test.
 *
 * <p>Transport errors happen, and are counted as refusals: when the service refuses a large frame from its header
 * it writes the whole 503 with {@code Connection: close}, discards at most 1 MB of the rest of the body (for at
 * most 2 s, {@code framepipe.intake.linger}) and closes; a client still sending the rest of a 9 or 16 MB body has
 * the connection closed under it, and Java's {@code HttpClient} (JDK 17) then sometimes reports
 * {@code IOException: HTTP/1.1 header parser received no bytes} instead of the 503 (hey reports a broken pipe for
 * the same refusals). In the thirteenth session's runs: 24 to 77 per workload, under 1 % of the refusals, none in
 * the mixed one (1 MB JPEGs, 300 KB raw frames); the service counted each one {@code rejected}, and the equality
 * with its statistics is what shows they were refusals, not lost frames.
 *
 * <p>Figures (200s per second, share refused, answers by status, peak heap sampled every 500 ms, heap after GC)
 * go to {@code target/reliability/packaged-overload.txt}, the application's output to
 * {@code target/reliability/packaged-app.log}. It runs in {@code ./mvnw verify} (failsafe, after {@code package});
 * alone, on the jar {@code package} built:
 *
 * <pre>
 * ./mvnw -B -ntp package -DskipTests
 * ./mvnw -B -ntp -o failsafe:integration-test failsafe:verify -Dit.test=PackagedOverloadIT -Doverload.seconds=5
 * </pre>
 */
public class PackagedOverloadIT {

    /**
     * The JVM options of the shipped container (the Dockerfile's and {@code deployment.yaml}'s
     * {@code JAVA_TOOL_OPTIONS}) with the heap they give in a 1 GiB container written out;
     * {@code DeploymentManifestsTests} checks that they agree.
     */
    public static final List<String> CONTAINER_JVM = List.of(
            "-Xms768m",
            "-Xmx768m",
            "-XX:+UseG1GC",
            "-XX:-G1UseAdaptiveIHOP",
            "-XX:InitiatingHeapOccupancyPercent=80",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:ThreadPriorityPolicy=1",
            "-XX:JavaPriority1_To_OSPriority=19");

    static final int CLIENTS = 64;
    static final long MIB = 1024 * 1024;
    /**
     * How far above the idle heap the heap after GC may stay: max(64 MiB, half the idle heap). Measured: idle
     * 24 MiB, after GC 1 to 22 MiB above it in two 20 s runs (most after the mixed workload); {@code overload.sh}
     * on the same admission code measured 3 to 20 MiB above. 64 MiB is four raw 4096x4096 frames (or their
     * rasters) kept by mistake.
     */
    static final String HEAP_MARGIN = "max(64 MiB, idle / 2)";

    static final String REPORT = "packaged-overload.txt";

    static final Duration WORKLOAD = Duration.ofSeconds(Long.getLong("overload.seconds", 20));
    static final Duration WARM_LARGE = Duration.ofSeconds(10);
    static final Duration WARM_SMALL = Duration.ofSeconds(5);
    /**
     * A first flood, so that the JIT has compiled the refusal path before the measured ones. Without it the first
     * measured workload (PNG) ran while the compiler threads took 55 % of the application's processor samples
     * ({@code perf record} in the 15 s after a flood began; 12 % in a second flood). With hey (64 clients, 20 s)
     * the first flood after the same warm-up analysed 1 to 47 PNGs in five runs, a second flood 66 and 81
     * (RELIABILITY.md, "Eleventh session").
     */
    static final Duration WARM_FLOOD = Duration.ofSeconds(10);

    static final String RAW_LARGE = "&width=" + OverloadFrames.LARGE + "&height=" + OverloadFrames.LARGE;
    static final String RAW_SMALL = "&width=" + OverloadFrames.SMALL_WIDTH + "&height=" + OverloadFrames.SMALL_HEIGHT;

    /** {@code clients} clients posting {@code body} back to back to {@code /api/v1/frames?stream=<stream><query>}. */
    record Load(String name, int clients, String query, String contentType, byte[] body) {}

    /** A stream and the loads posted to it at once. */
    record Workload(String stream, List<Load> loads) {

        Workload(String stream, Load... loads) {
            this(stream, List.of(loads));
        }
    }

    /**
     * What the clients of one load got: answers by status, requests ended by a transport error (and the kinds of
     * error), and the first few answers that were neither 200 nor a 503 problem with {@code Retry-After}.
     */
    static final class Tally {

        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder transportErrors = new LongAdder();
        private final Set<String> errorKinds = ConcurrentHashMap.newKeySet();
        private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        private final AtomicInteger unexpectedCount = new AtomicInteger();

        void answer(HttpResponse<byte[]> response) {
            int status = response.statusCode();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status == 503) {
                try {
                    Problems.assertProblem(response, 503);
                    assertThat(response.headers().firstValue("Retry-After"))
                            .as("Retry-After")
                            .isPresent();
                } catch (AssertionError e) {
                    note("503 not a problem with Retry-After: " + e.getMessage());
                }
            } else if (status == 504) {
                try {
                    Problems.assertProblem(response, 504);
                } catch (AssertionError e) {
                    note("504 not a problem: " + e.getMessage());
                }
            } else if (status != 200) {
                String text = FrameClient.text(response);
                note(status + ": " + text.substring(0, Math.min(200, text.length())));
            }
        }

        void transportError(IOException e) {
            transportErrors.increment();
            errorKinds.add(e.toString());
        }

        private void note(String what) {
            if (unexpectedCount.getAndIncrement() < 5) {
                unexpected.add(what);
            }
        }
    }

    /** The answers of a load or of a whole workload. */
    record Counts(
            SortedMap<Integer, Long> statuses, long transportErrors, Set<String> errorKinds, List<String> unexpected) {

        static Counts of(Tally tally) {
            SortedMap<Integer, Long> statuses = new TreeMap<>();
            tally.statuses.forEach((status, n) -> statuses.put(status, n.sum()));
            return new Counts(
                    statuses,
                    tally.transportErrors.sum(),
                    new TreeSet<>(tally.errorKinds),
                    List.copyOf(tally.unexpected));
        }

        static Counts sum(List<Counts> parts) {
            SortedMap<Integer, Long> statuses = new TreeMap<>();
            Set<String> errorKinds = new TreeSet<>();
            List<String> unexpected = new ArrayList<>();
            long errors = 0;
            for (Counts part : parts) {
                part.statuses.forEach((status, n) -> statuses.merge(status, n, Long::sum));
                errors += part.transportErrors;
                errorKinds.addAll(part.errorKinds);
                unexpected.addAll(part.unexpected);
            }
            return new Counts(statuses, errors, errorKinds, unexpected);
        }

        long of(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        /** Requests sent: answered, or ended by a transport error. */
        long requests() {
            return statuses.values().stream().mapToLong(Long::longValue).sum() + transportErrors;
        }

        String byStatus() {
            StringBuilder text = new StringBuilder();
            statuses.forEach((status, n) -> text.append(text.length() == 0 ? "" : ", ")
                    .append(n)
                    .append(" x ")
                    .append(status));
            if (transportErrors > 0) {
                text.append(text.length() == 0 ? "" : ", ")
                        .append(transportErrors)
                        .append(" unread");
            }
            return text.length() == 0 ? "none" : text.toString();
        }
    }

    /** A workload's answers, per load and in all, and the largest heap in use sampled while it ran. */
    record Outcome(List<Counts> parts, Counts all, long peakHeap) {}

    @Test
    void staysAliveAndCountsEveryAnswerUnderFourOverloadsWithTheContainersHeap() throws Exception {
        OverloadFrames frames = OverloadFrames.generate();
        List<Workload> workloads = List.of(
                new Workload("png", new Load("PNG", CLIENTS, "", "image/png", frames.png())),
                new Workload("raw", new Load("raw", CLIENTS, RAW_LARGE, "application/octet-stream", frames.raw())),
                new Workload(
                        "noise", new Load("noise", CLIENTS, RAW_LARGE, "application/octet-stream", frames.noise())),
                new Workload(
                        "mix",
                        new Load("JPEG", CLIENTS / 2, "", "image/jpeg", frames.jpeg()),
                        new Load("small", CLIENTS / 2, RAW_SMALL, "application/octet-stream", frames.small())));
        List<HttpClient> clients = Stream.generate(() -> HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build())
                .limit(CLIENTS)
                .toList();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "packaged jar, %s; %d clients (java.net.http, HTTP/1.1), %d s per workload%n",
                String.join(" ", CONTAINER_JVM),
                CLIENTS,
                WORKLOAD.toSeconds()));
        SoftAssertions softly = new SoftAssertions();
        long begin = System.nanoTime();
        try (PackagedApplication app =
                PackagedApplication.start(jar(), Reports.DIR.resolve("packaged-app.log"), CONTAINER_JVM)) {
            Outcome warmLarge = run(
                    app,
                    threads,
                    clients,
                    new Workload("warm", new Load("PNG", 2, "", "image/png", frames.png())),
                    WARM_LARGE);
            Outcome warmSmall = run(
                    app,
                    threads,
                    clients,
                    new Workload("warm", new Load("small", 4, RAW_SMALL, "application/octet-stream", frames.small())),
                    WARM_SMALL);
            Outcome warmFlood = run(
                    app,
                    threads,
                    clients,
                    new Workload("warm", new Load("PNG", CLIENTS, "", "image/png", frames.png())),
                    WARM_FLOOD);
            assertThat(app.alive())
                    .as("the application after the warm-up: %s", app.describe())
                    .isTrue();
            Map<String, Integer> nice = app.niceByThread();
            String frameThreads = "http-nio-127.0.0.1-" + app.port() + "-exec-";
            assertThat(nice)
                    .as("request threads of the frames' port at nice 19 (the container's JVM options)")
                    .hasEntrySatisfying(
                            frameThreads + "1", value -> assertThat(value).isEqualTo(19))
                    .allSatisfy((name, value) -> {
                        if (name.startsWith(frameThreads)) {
                            assertThat(value).as(name).isEqualTo(19);
                        }
                        if (name.startsWith("analysis-") || name.startsWith("stage-")) {
                            assertThat(value).as(name).isZero();
                        }
                    });
            assertThat(nice.keySet().stream().filter(name -> name.startsWith("analysis-")))
                    .as("an analysis thread per frame in flight, started with the application")
                    .hasSize(64);
            long warmSettled = app.awaitIdle(Duration.ofSeconds(10));
            assertThat(warmSettled)
                    .as("ms until no frame held memory after the warm-up")
                    .isNotNegative();
            long idle = app.heapAfterGc().bytes();
            long margin = Math.max(64 * MIB, idle / 2);
            report.append(String.format(
                    Locale.ROOT,
                    "warm-up: 2 clients PNG %d s (%s), 4 clients raw 640x480 %d s (%s), %d clients PNG %d s (%s)%n"
                            + "idle heap after GC %d MiB; allowed after GC %d MiB (%s)%n%n"
                            + "%-6s %7s %8s %6s %6s %7s %6s  %-22s %s%n",
                    WARM_LARGE.toSeconds(),
                    warmLarge.all().byStatus(),
                    WARM_SMALL.toSeconds(),
                    warmSmall.all().byStatus(),
                    CLIENTS,
                    WARM_FLOOD.toSeconds(),
                    warmFlood.all().byStatus(),
                    idle / MIB,
                    (idle + margin) / MIB,
                    HEAP_MARGIN,
                    "stream",
                    "200/s",
                    "refused",
                    "200",
                    "503",
                    "unread",
                    "other",
                    "peak heap / after GC",
                    "answers by load"));
            Reports.write(REPORT, report.toString());
            for (Workload workload : workloads) {
                Outcome outcome = run(app, threads, clients, workload, WORKLOAD);
                assertThat(app.alive())
                        .as("the application after the %s workload: %s", workload.stream(), app.describe())
                        .isTrue();
                Counts all = outcome.all();
                long ok = all.of(200);
                long refused = all.of(503);
                JsonNode counted = countedFrames(app, workload.stream(), all.requests());
                int readiness = app.readiness();
                long settled = app.awaitIdle(Duration.ofSeconds(10));
                PackagedApplication.AfterGc collected = app.heapAfterGc();
                long afterGc = collected.bytes();
                report.append(line(workload, outcome, afterGc));
                report.append(String.format(
                        Locale.ROOT,
                        "       memory reserved by frames back to 0 %s%n",
                        settled < 0 ? "NOT within 10 s" : settled + " ms after the last frame was counted"));
                if (afterGc > idle + margin) {
                    String dump = "packaged-threads-" + workload.stream() + ".txt";
                    Reports.write(dump, app.threadDump());
                    String heap = "packaged-heap-" + workload.stream() + ".hprof";
                    app.heapDump(Reports.DIR.resolve(heap));
                    report.append("       heap after GC above its bound; that collection found live (just after: ")
                            .append(dump)
                            .append(", ")
                            .append(heap)
                            .append("):\n")
                            .append(collected.histogram().indent(7));
                }
                Reports.write(REPORT, report.toString());

                String name = workload.stream() + ": ";
                softly.assertThat(all.statuses().keySet())
                        .as(name + "statuses answered (first others: %s)", all.unexpected())
                        .isSubsetOf(200, 503);
                softly.assertThat(all.unexpected())
                        .as(name + "answers other than 200 and 503 problems with Retry-After")
                        .isEmpty();
                softly.assertThat(counted.get("failed").asLong())
                        .as(name + "stats failed (%s)", counted)
                        .isZero();
                softly.assertThat(readiness).as(name + "readiness").isEqualTo(200);
                softly.assertThat(counted.get("ok").asLong())
                        .as(name + "stats ok against the 200s (%s)", counted)
                        .isEqualTo(ok);
                softly.assertThat(counted.get("rejected").asLong())
                        .as(name + "stats rejected against the 503s and the refusals unread (%s)", counted)
                        .isEqualTo(refused + all.transportErrors());
                softly.assertThat(ok).as(name + "frames answered 200").isPositive();
                softly.assertThat(settled)
                        .as(name + "ms until no frame held memory")
                        .isNotNegative();
                softly.assertThat(afterGc)
                        .as(name + "heap after GC (idle %d MiB, margin %s)", idle / MIB, HEAP_MARGIN)
                        .isLessThanOrEqualTo(idle + margin);
            }
        } finally {
            threads.shutdownNow();
            report.append(String.format(
                    Locale.ROOT, "%nwall time, start to stop: %d s%n", (System.nanoTime() - begin) / 1_000_000_000));
            Reports.write(REPORT, report.toString());
        }
        softly.assertAll();
    }

    /** A row of the report: 200s per second, share refused (503 or unread), counts, heap, answers per load. */
    private static String line(Workload workload, Outcome outcome, long afterGc) {
        Counts all = outcome.all();
        long ok = all.of(200);
        long refused = all.of(503) + all.transportErrors();
        StringBuilder loads = new StringBuilder();
        for (int i = 0; i < workload.loads().size(); i++) {
            loads.append(i == 0 ? "" : "; ")
                    .append(workload.loads().get(i).name())
                    .append(": ")
                    .append(outcome.parts().get(i).byStatus());
        }
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "%-6s %7.1f %7.1f%% %6d %6d %7d %6d  %-22s %s%n",
                workload.stream(),
                ok / (double) WORKLOAD.toSeconds(),
                100.0 * refused / Math.max(1, all.requests()),
                ok,
                all.of(503),
                all.transportErrors(),
                all.requests() - ok - refused,
                (outcome.peakHeap() / MIB) + " / " + (afterGc / MIB) + " MiB",
                loads));
        if (!all.errorKinds().isEmpty()) {
            line.append("       unread: ").append(all.errorKinds()).append('\n');
        }
        if (!all.unexpected().isEmpty()) {
            line.append("       other answers (first few): ")
                    .append(all.unexpected())
                    .append('\n');
        }
        return line.toString();
    }

    /** The jar {@code package} built (failsafe passes its path; from an IDE, the one in {@code target/}). */
    private static Path jar() throws IOException {
        String configured = System.getProperty("packaged.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("framepipe-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/framepipe-*.jar: run ./mvnw package"));
        }
    }

    /**
     * Runs a workload for a duration: each client posts until the time is up and finishes the request it has
     * started, so every frame sent has its answer before the statistics are read. Samples the heap in use every
     * 500 ms meanwhile.
     */
    private static Outcome run(
            PackagedApplication app,
            ExecutorService threads,
            List<HttpClient> clients,
            Workload workload,
            Duration duration)
            throws Exception {
        HeapSampler sampler = new HeapSampler(app);
        long end = System.nanoTime() + duration.toNanos();
        List<Tally> tallies = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        int client = 0;
        for (Load load : workload.loads()) {
            Tally tally = new Tally();
            tallies.add(tally);
            URI uri = URI.create(
                    "http://127.0.0.1:" + app.port() + "/api/v1/frames?stream=" + workload.stream() + load.query());
            for (int i = 0; i < load.clients(); i++) {
                HttpClient http = clients.get(client++);
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        post(http, uri, load, tally);
                    }
                    return null;
                }));
            }
        }
        try {
            for (Future<?> future : running) {
                future.get(duration.toSeconds() + 180, TimeUnit.SECONDS);
            }
        } finally {
            sampler.stop();
        }
        List<Counts> parts = tallies.stream().map(Counts::of).toList();
        return new Outcome(parts, Counts.sum(parts), sampler.peak());
    }

    private static void post(HttpClient http, URI uri, Load load, Tally tally) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", load.contentType())
                .POST(SharedBody.of(load.body()))
                .build();
        try {
            tally.answer(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            tally.transportError(e);
        }
    }

    /**
     * The stream's frame counts once they include every request sent (at most 10 s after the last answer: a
     * refused frame may be counted just after its answer was written).
     */
    private static JsonNode countedFrames(PackagedApplication app, String stream, long requests)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode frames = app.frameCounts(stream);
        while (frames.get("total").asLong() < requests && System.nanoTime() < until) {
            Thread.sleep(100);
            frames = app.frameCounts(stream);
        }
        return frames;
    }

    /** Reads the heap in use every 500 ms on a daemon thread and keeps the largest value. */
    static final class HeapSampler {

        private final Thread thread;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler(PackagedApplication app) {
            thread = new Thread(
                    () -> {
                        while (running && app.alive()) {
                            try {
                                peak = Math.max(peak, app.heapUsed());
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                return;
                            } catch (RuntimeException missedSample) {
                                // a busy or ending application: the next sample will do
                            }
                        }
                    },
                    "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }

        long peak() {
            return peak;
        }
    }
}

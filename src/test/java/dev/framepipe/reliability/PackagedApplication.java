package dev.framepipe.reliability;

import dev.framepipe.web.FrameClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service jar in a JVM of its own, started as {@code scripts/lib/bench.sh} starts it: on
 * 127.0.0.1, the actuator on a management port of its own, root logging at WARN, its output to a log file.
 * {@link #close()} stops it (and kills it if it has not ended 20 s later).
 */
final class PackagedApplication implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** A thread's first line in a thread dump: its quoted name, then its attributes, {@code os_prio} among them. */
    private static final Pattern THREAD_LINE =
            Pattern.compile("^\"([^\"]+)\"[^\n]* os_prio=(-?\\d+)", Pattern.MULTILINE);

    private final Process process;
    private final Path log;
    private final int port;
    private final FrameClient app;
    private final FrameClient management;

    private PackagedApplication(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.app = new FrameClient(port);
        this.management = new FrameClient(managementPort);
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar>} with the {@code java} that runs this test, and waits until
     * its readiness probe answers 200 (at most 120 s; fails at once if the process ends first).
     */
    static PackagedApplication start(Path jar, Path log, List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        int port;
        int managementPort;
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = a.getLocalPort();
            managementPort = b.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--management.server.port=" + managementPort,
                "--logging.level.root=WARN",
                "--logging.level.dev.framepipe.pipeline.WorkAdmission=INFO"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PackagedApplication application = new PackagedApplication(process, log, port, managementPort);
        try {
            application.awaitReadiness();
        } catch (RuntimeException | Error e) {
            application.close();
            throw e;
        }
        return application;
    }

    /** The {@code java} of this JVM (the one the build runs on). */
    private static String javaCommand() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void awaitReadiness() {
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the application ended before it was ready, exit " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (readiness() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // the management port opens late in the start-up
            }
            sleep(500);
        }
        throw new IllegalStateException("the application was not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Why the process is not alive, with the end of its log (for assertion messages). */
    String describe() {
        return (process.isAlive() ? "alive" : "ended with exit " + process.exitValue()) + "; end of " + log + ":\n"
                + logTail();
    }

    /** The status of the readiness probe on the management port. */
    int readiness() {
        return management.get("/actuator/health/readiness").statusCode();
    }

    /** {@code frames} of {@code GET /api/v1/stats/{stream}}: ok, partial, rejected, failed, total. */
    JsonNode frameCounts(String stream) {
        HttpResponse<byte[]> answer = app.get("/api/v1/stats/" + stream);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "stats of " + stream + ": " + answer.statusCode() + " " + FrameClient.text(answer));
        }
        return FrameClient.json(answer).get("frames");
    }

    /** {@code jvm.memory.used} with {@code area:heap} from the actuator: the heap in use now, in bytes. */
    long heapUsed() {
        return (long) meter("jvm.memory.used?tag=area:heap");
    }

    /**
     * Waits until no frame holds memory ({@code framepipe.memory.reserved}, both pools, is 0): a frame's body and
     * working set are reserved until its request completes, which can be after its answer was counted (a refusal
     * is counted before its answer is written, a request the client gave up on is counted when the service gets
     * to it). A heap measured before that holds those frames' arrays, not what the service keeps.
     *
     * @return the milliseconds waited, or -1 when memory was still reserved after {@code timeout}
     */
    long awaitIdle(Duration timeout) {
        long start = System.nanoTime();
        while (meter("framepipe.memory.reserved") > 0) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                return -1;
            }
            sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private double meter(String path) {
        HttpResponse<byte[]> answer = management.get("/actuator/metrics/" + path);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + answer.statusCode() + " " + FrameClient.text(answer));
        }
        for (JsonNode measurement : FrameClient.json(answer).get("measurements")) {
            if ("VALUE".equals(measurement.get("statistic").asString())) {
                return measurement.get("value").asDouble();
            }
        }
        throw new IllegalStateException("no VALUE in " + path + ": " + FrameClient.text(answer));
    }

    /**
     * The heap after a full collection, and what it held.
     *
     * @param bytes     {@link #heapUsed()} read just after the collection
     * @param histogram the classes holding the most heap at that collection, for a report
     */
    record AfterGc(long bytes, String histogram) {}

    /** Rows of the class histogram {@link #heapAfterGc()} keeps. */
    static final int HISTOGRAM_ROWS = 12;

    /** Writes the application's live heap to {@code file} ({@code jcmd <pid> GC.heap_dump}, which collects first). */
    void heapDump(Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        jcmd("GC.heap_dump", file.toAbsolutePath().toString());
    }

    /** The application's threads and their stacks now ({@code jcmd <pid> Thread.print}). */
    String threadDump() throws IOException, InterruptedException {
        return jcmd("Thread.print");
    }

    /**
     * Runs a full collection in the application ({@code jcmd <pid> GC.class_histogram}, which collects first),
     * then reads {@link #heapUsed()}; keeps the histogram's first {@value #HISTOGRAM_ROWS} rows.
     */
    AfterGc heapAfterGc() throws IOException, InterruptedException {
        List<String> lines = jcmd("GC.class_histogram").lines().toList();
        // jcmd's "<pid>:" line and the two header lines, then the rows
        String histogram = String.join("\n", lines.subList(0, Math.min(lines.size(), 3 + HISTOGRAM_ROWS)));
        return new AfterGc(heapUsed(), histogram);
    }

    /**
     * The operating system's priority of each of the application's threads, by thread name: the {@code os_prio} of
     * a thread dump, which on Linux is the thread's nice value ({@code getpriority(2)}).
     */
    Map<String, Integer> niceByThread() throws IOException, InterruptedException {
        Map<String, Integer> nice = new TreeMap<>();
        Matcher thread = THREAD_LINE.matcher(threadDump());
        while (thread.find()) {
            nice.put(thread.group(1), Integer.valueOf(thread.group(2)));
        }
        return nice;
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(javaCommand()).resolveSibling("jcmd");
        if (!Files.isExecutable(jcmd)) {
            jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        }
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process run = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
            run.destroyForcibly();
            throw new IllegalStateException(line + " failed: " + output);
        }
        return output;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the application (SIGTERM: graceful shutdown), and kills it if it is still running 20 s later. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

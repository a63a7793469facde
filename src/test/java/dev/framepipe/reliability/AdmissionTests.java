package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.frame.DecompressionBombs;
import dev.framepipe.pipeline.FrameAdmission;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.testing.FaultyStages;
import dev.framepipe.testing.FaultyStages.Fault;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Admission by memory and slow bodies over real HTTP, with a 40 MB budget (12 MB for bodies, 28 MB
 * for decoding and detection) and 8 request threads: every path gives back what it reserved; a
 * frame that alone needs more than the budget gets 413 naming it, and one without room now 503, both
 * from the header in the body's first bytes, before the rest arrives; 30 clients trickling their
 * bodies hold no request thread (other frames and readiness are served meanwhile), end with 408
 * and are counted once each.
 */
@SpringBootTest(
        classes = {FramePipeApplication.class, FaultyStages.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "framepipe.admission.memory-budget=40MB",
            "framepipe.intake.grace=1s",
            "framepipe.intake.min-rate=64KB",
            "server.tomcat.threads.max=8",
            "framepipe.pipeline.deadline=2s"
        })
class AdmissionTests {

    static final byte[] SMALL = SyntheticFrames.builder(160, 120)
            .seed(9)
            .objects(5)
            .sizeRange(8, 16)
            .build()
            .frame()
            .gray();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    FramePipeline pipeline;

    @AfterEach
    void heal() {
        FaultyStages.reset();
    }

    private FrameAdmission admission() {
        return pipeline.admission();
    }

    /** Waits until everything is given back (the last release runs as the answer completes). */
    private void assertNothingHeld(String after) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((admission().reserved() != 0
                        || admission().inFlight() != 0
                        || !admission().work().backlog().isZero())
                && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(admission().reserved()).as("bytes reserved after " + after).isZero();
        assertThat(admission().inFlight()).as("frames in flight after " + after).isZero();
        assertThat(admission().work().backlog())
                .as("work in flight after " + after)
                .isZero();
    }

    @Test
    void releasesEveryReservationOnEveryPath() throws Exception {
        FrameClient client = new FrameClient(port);

        assertThat(client.postFrame("stream=leak&width=160&height=120", "application/octet-stream", SMALL)
                        .statusCode())
                .isEqualTo(200);
        assertNothingHeld("a frame analysed");

        assertThat(client.postMultipart("stream=leak&width=160&height=120", "frame", "application/octet-stream", SMALL)
                        .statusCode())
                .isEqualTo(200);
        assertNothingHeld("a multipart frame analysed");

        RawHttp.Streamed chunked = RawHttp.streamChunked(
                port,
                "POST /api/v1/frames?stream=leak&width=256&height=256"
                        + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                256 * 256);
        assertThat(chunked.answer().status()).as(chunked.answer().body()).isEqualTo(200);
        assertNothingHeld("a chunked frame analysed");

        Problems.assertProblem(client.postFrame("stream=leak", "image/png", new byte[] {1, 2, 3, 4}), 422);
        assertNothingHeld("an undecodable frame");

        Problems.assertProblem(
                client.postFrame("stream=leak&width=160&height=121", "application/octet-stream", SMALL), 400);
        assertNothingHeld("a frame of the wrong length");

        FaultyStages.slowMillis = 2_500;
        FaultyStages.set("classify", Fault.SLOW);
        Problems.assertProblem(
                client.postFrame("stream=leak&width=160&height=120", "application/octet-stream", SMALL), 504);
        FaultyStages.reset();
        assertNothingHeld("a frame past its deadline");

        try (RawHttp.Connection gone = new RawHttp.Connection(port)) {
            gone.send(("POST /api/v1/frames?stream=leak&width=640&height=480 HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: 307200\r\n\r\n")
                    .getBytes());
            gone.send(new byte[1000]);
            Thread.sleep(200);
            assertThat(admission().reserved())
                    .as("a body being received is reserved")
                    .isEqualTo(307200);
        }
        assertNothingHeld("a client gone in the middle of its body");

        JsonNode frames = client.getJson("/api/v1/stats/leak").get("frames");
        assertThat(frames.get("ok").asLong()).isEqualTo(3);
        assertThat(frames.get("total").asLong()).isEqualTo(7);
    }

    @Test
    void refusesAFrameThatAloneExceedsTheBudgetWith413NamingItFromItsHeaderBeforeItsBodyArrives() throws Exception {
        // A 2000x2000 PNG: its 4 MB of pixels, decoder raster and 42 MB of detector scratch exceed the 28 MB
        // for decoding and detection. The client sends the head and the PNG's first bytes, and never the rest.
        byte[] header = DecompressionBombs.png(2000, 2000);
        try (RawHttp.Connection client = new RawHttp.Connection(port)) {
            RawHttp.Answer answer = client.send(request("huge-png", "image/png", 4_000_000, header))
                    .read();
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("2000x2000").contains("framepipe.admission.memory-budget");
        }
        assertNothingHeld("a frame refused by its header");
        assertThat(new FrameClient(port)
                        .getJson("/api/v1/stats/huge-png")
                        .get("frames")
                        .get("rejected")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aClientStillSendingItsBodyGetsTheWholeRefusalNotABrokenConnection() throws Exception {
        // 2000x2000 raw: refused from its dimensions after the first bytes of its 4 MB body; the client keeps
        // sending while the answer is written (Tomcat discards 2 MB of the rest, then closes).
        FrameClient client = new FrameClient(port);
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> answer = client.postFrame(
                    "stream=huge&width=2000&height=2000", "application/octet-stream", new byte[2000 * 2000]);
            JsonNode problem = Problems.assertProblem(answer, 413);
            assertThat(problem.get("detail").asString()).contains("framepipe.admission.memory-budget");
            assertThat(answer.headers().firstValue("Connection")).hasValue("close");
        }
        assertNothingHeld("frames refused while their bodies were being sent");
        assertThat(client.getJson("/api/v1/stats/huge")
                        .get("frames")
                        .get("rejected")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void aClientThatExpects100ContinueIsRefusedBeforeItSendsItsBody() {
        // 16 MB declared against 12 MB for bodies: refused before the body is read, so no 100 Continue is sent.
        RawHttp.Answer answer = RawHttp.sendHead(
                port,
                "POST /api/v1/frames?stream=expect&width=4096&height=4096 HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/octet-stream\r\nContent-Length: 16777216\r\n"
                        + "Expect: 100-continue\r\n\r\n");
        assertThat(answer.status()).as(answer.head()).isEqualTo(413);
        assertThat(answer.body()).contains("framepipe.admission.memory-budget");
    }

    @Test
    void refusesAFrameWithoutRoomFromItsHeaderWith503BeforeItsBodyArrives() throws Exception {
        // Two 320x320 raw frames held in the classifier take 16.6 MB of the 28 MB for decoding and detection (each
        // 102 KB of pixels and 8.2 MB of detector scratch); a 320x320 PNG needs 8.5 MB, and frames over 1/8 of the
        // budget may fill only three quarters of it (21 MB), so its header alone gets it refused while its body is
        // still to come.
        FaultyStages.slowMillis = 1_500;
        FaultyStages.set("classify", Fault.SLOW);
        FrameClient frames = new FrameClient(port);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<HttpResponse<byte[]>>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(pool.submit(() -> frames.postFrame(
                        "stream=held&width=320&height=320", "application/octet-stream", new byte[320 * 320])));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (admission().inFlight() < 2 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            try (RawHttp.Connection client = new RawHttp.Connection(port)) {
                RawHttp.Answer answer = client.send(
                                request("busy-png", "image/png", 2_000_000, DecompressionBombs.png(320, 320)))
                        .read();
                assertThat(answer.status()).as(answer.body()).isEqualTo(503);
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(answer.body()).contains("memory budget has no room");
            }
            for (Future<HttpResponse<byte[]>> frame : held) {
                assertThat(frame.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNothingHeld("frames refused by their header while others were in flight");
        assertThat(frames.getJson("/api/v1/stats/busy-png")
                        .get("frames")
                        .get("rejected")
                        .asLong())
                .isEqualTo(1);
    }

    /** A request head declaring {@code length} bytes, with the first bytes of its body. */
    private static byte[] request(String stream, String type, long length, byte[] first) {
        byte[] head = ("POST /api/v1/frames?stream=" + stream + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                        + "\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(head, head.length + first.length);
        System.arraycopy(first, 0, request, head.length, first.length);
        return request;
    }

    @Test
    void refusedUploadsThatKeepTricklingHoldNoRequestThreadAndAreCountedOnce() throws Exception {
        // 20 MB declared against the 16 MB limit: 413 at once, before the body is read. Each client then keeps
        // trickling until the server closes the connection (for up to 120 s: the answers below are awaited for 60 s,
        // so a server that never closes fails); the server has 8 request threads. Tomcat's own discarding of an
        // unread body reads it on a request thread until max-swallow-size (1 MB), which at 10 bytes every 200 ms is
        // never: without the linger (framepipe.intake.linger), the normal frames below time out.
        int slow = 30;
        ExecutorService pool = Executors.newFixedThreadPool(slow);
        try {
            List<Future<RawHttp.Answer>> trickling = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                trickling.add(pool.submit(() -> RawHttp.trickleRegardless(
                        port,
                        "POST /api/v1/frames?stream=refused-slow&width=4096&height=4096 HTTP/1.1\r\nHost: localhost\r\n"
                                + "Content-Type: application/octet-stream\r\nContent-Length: 20000000\r\n\r\n",
                        10,
                        200,
                        120_000)));
            }
            Thread.sleep(3_000); // past the 2 s linger of every refused upload
            FrameClient client = new FrameClient(port);
            for (int i = 0; i < 10; i++) {
                assertThat(client.postFrame("stream=normal&width=160&height=120", "application/octet-stream", SMALL)
                                .statusCode())
                        .as("a frame from another client while %d refused uploads trickle", slow)
                        .isEqualTo(200);
            }
            for (Future<RawHttp.Answer> answer : trickling) {
                RawHttp.Answer a = answer.get(60, TimeUnit.SECONDS);
                assertThat(a.status()).as(a.head()).isEqualTo(413);
            }
            assertNothingHeld("refused uploads that kept trickling");
            assertThat(client.getJson("/api/v1/stats/refused-slow")
                            .get("frames")
                            .get("rejected")
                            .asLong())
                    .isEqualTo(slow);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedClientStillSendingWithinTheLingerIsReadNotResetUnderItsAnswer() throws Exception {
        // 20 MB declared: 413 at once. The client reads its whole answer, then sends 2 x 256 KB more (under
        // max-swallow-size, within the 2 s linger): the server reads and discards them, and the connection ends in
        // order when the linger passes. Closed at once, bytes arriving after the close are answered with a reset,
        // which destroys what a client has not yet read.
        try (RawHttp.Connection client = new RawHttp.Connection(port)) {
            RawHttp.Answer answer = client.send(
                            request("linger", "application/octet-stream", 20_000_000, new byte[1000]))
                    .read();
            assertThat(answer.status()).as(answer.head()).isEqualTo(413);
            assertThat(answer.header("Content-Length")).isNotNull();
            for (int i = 0; i < 2; i++) {
                Thread.sleep(400);
                // Were the connection closed, the first part would be answered with a reset and the second would fail.
                client.send(new byte[256 * 1024]);
            }
            assertThat(client.endsCleanly())
                    .as("the connection ends in order after the linger")
                    .isTrue();
        }
        assertNothingHeld("a refused body discarded during the linger");
    }

    @Test
    void slowBodiesHoldNoRequestThreadEndWith408AndAreCountedOnce() throws Exception {
        int slow = 30;
        ExecutorService pool = Executors.newFixedThreadPool(slow);
        try {
            List<Future<RawHttp.Answer>> trickling = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                trickling.add(pool.submit(() -> RawHttp.trickle(
                        port,
                        "POST /api/v1/frames?stream=slow&width=640&height=480"
                                + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                                + "Content-Length: 307200\r\n\r\n",
                        10,
                        200,
                        30_000)));
            }
            Thread.sleep(500);
            // 30 bodies trickle and the server has 8 request threads: other frames and the probes are still served.
            FrameClient client = new FrameClient(port);
            for (int i = 0; i < 10; i++) {
                assertThat(client.postFrame("stream=normal&width=160&height=120", "application/octet-stream", SMALL)
                                .statusCode())
                        .isEqualTo(200);
                assertThat(new FrameClient(managementPort)
                                .get("/actuator/health/readiness")
                                .statusCode())
                        .isEqualTo(200);
            }
            assertThat(admission().bodies().reserved())
                    .as("the trickling bodies are reserved")
                    .isEqualTo(slow * 307200L);
            for (Future<RawHttp.Answer> answer : trickling) {
                RawHttp.Answer a = answer.get(60, TimeUnit.SECONDS);
                assertThat(a.status()).as(a.head()).isEqualTo(408);
                assertThat(a.body()).contains("body-timeout").contains("framepipe.intake");
            }
            assertNothingHeld("bodies that timed out");
            JsonNode frames = client.getJson("/api/v1/stats/slow").get("frames");
            assertThat(frames.get("rejected").asLong()).isEqualTo(slow);
            assertThat(frames.get("total").asLong()).isEqualTo(slow);
        } finally {
            pool.shutdownNow();
        }
    }
}

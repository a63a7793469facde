package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StreamStatistics;
import dev.framepipe.testing.FaultyStages;
import dev.framepipe.testing.FaultyStages.Fault;
import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the context with frames in flight: readiness goes DOWN first, the pipeline refuses
 * new frames with 503 (a frame whose upload straddles the shutdown is refused, deterministically;
 * a frame sent later may meet a closed server socket instead), and the frames in flight finish
 * with 200 and are counted.
 */
class GracefulShutdownTests {

    static final int IN_FLIGHT = 3;

    @AfterEach
    void heal() {
        FaultyStages.reset();
    }

    @Test
    void finishesAndCountsFramesInFlightWhileRefusingNewOnesAfterReadinessWentDown() throws Exception {
        AtomicInteger port = new AtomicInteger();
        AtomicInteger managementPort = new AtomicInteger();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                        FramePipeApplication.class, FaultyStages.class)
                .listeners(event -> {
                    if (event instanceof WebServerInitializedEvent initialized) {
                        boolean management = "management"
                                .equals(initialized.getApplicationContext().getServerNamespace());
                        (management ? managementPort : port)
                                .set(initialized.getWebServer().getPort());
                    }
                })
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.main.banner-mode=off",
                        "--framepipe.pipeline.deadline=30s");
        CompletableFuture<Void> closed = null;
        try {
            FrameClient client = new FrameClient(port.get());
            FramePipeline pipeline = context.getBean(FramePipeline.class);
            Aggregator aggregator = context.getBean(Aggregator.class);
            ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
            byte[] raw = FaultInjectionTests.RAW;
            assertThat(new FrameClient(managementPort.get())
                            .getJson("/actuator/health/readiness")
                            .get("status")
                            .asString())
                    .isEqualTo("UP");

            // A frame whose upload began before the shutdown and ends after the pipeline closed.
            byte[] head = ("POST /api/v1/frames?" + FaultInjectionTests.QUERY + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Length: " + raw.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            RawHttp.Connection uploading =
                    new RawHttp.Connection(port.get()).send(head).send(Arrays.copyOf(raw, 100));

            FaultyStages.gate = new CountDownLatch(1);
            FaultyStages.set("classify", Fault.GATE);
            List<CompletableFuture<HttpResponse<byte[]>>> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(CompletableFuture.supplyAsync(
                        () -> client.postFrame(FaultInjectionTests.QUERY, "application/octet-stream", raw)));
            }
            FaultInjectionTests.await(() -> FaultyStages.AT_GATE.get() == IN_FLIGHT);
            assertThat(pipeline.inFlight()).isEqualTo(IN_FLIGHT);

            closed = CompletableFuture.runAsync(context::close);
            FaultInjectionTests.await(() -> !pipeline.isAccepting());
            assertThat(availability.getReadinessState()).as("readiness").isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            assertThat(pipeline.isAccepting()).isFalse();
            assertThat(closed).as("the context waits for the frames in flight").isNotDone();

            // The upload that began before the shutdown is finished now: refused with 503, not analysed.
            RawHttp.Answer refused =
                    uploading.send(Arrays.copyOfRange(raw, 100, raw.length)).read();
            uploading.close();
            assertThat(refused.status()).as(refused.head() + refused.body()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.body()).contains("not-ready");
            Problems.assertNoLeak(refused.body());

            // A frame that still reaches the application now is refused with 503; the server socket
            // may also be closed already, which refuses it at the TCP level.
            String late = lateFrame(client, raw);
            Reports.write("shutdown.txt", "a frame sent after readiness went DOWN: " + late + "\n");
            assertThat(late).isIn("503", "connection refused");

            FaultyStages.gate.countDown();
            for (CompletableFuture<HttpResponse<byte[]>> frame : inFlight) {
                HttpResponse<byte[]> response = frame.get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(FrameClient.text(response)).isEqualTo(200);
            }
            closed.get(30, TimeUnit.SECONDS);
            StreamStatistics.FrameCounts frames =
                    aggregator.snapshot("faults").orElseThrow().frames();
            assertThat(frames.ok()).isEqualTo(IN_FLIGHT);
            assertThat(frames.failed()).isZero();
            assertThat(frames.rejected()).isEqualTo("503".equals(late) ? 2 : 1);
        } finally {
            FaultyStages.gate.countDown();
            if (closed == null) {
                context.close();
            } else {
                closed.get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Posts a frame and says how it was refused: the status, or "connection refused". */
    private static String lateFrame(FrameClient client, byte[] raw) {
        try {
            HttpResponse<byte[]> response =
                    client.postFrame(FaultInjectionTests.QUERY, "application/octet-stream", raw);
            if (response.statusCode() == 503) {
                Problems.assertProblem(response, 503);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
            return Integer.toString(response.statusCode());
        } catch (java.io.UncheckedIOException e) {
            return "connection refused";
        }
    }
}

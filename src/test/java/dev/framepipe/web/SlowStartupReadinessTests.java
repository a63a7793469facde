package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.detection.Detection;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.sizing.SizeEstimators;
import dev.framepipe.sizing.SizingProperties;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A stage that is slow to initialise keeps readiness DOWN, and frames refused, until it is done. */
class SlowStartupReadinessTests {

    static final CountDownLatch MODEL_LOADED = new CountDownLatch(1);

    /** Bean methods only (no stereotype), so no other test's component scan picks it up. */
    static class SlowStage {

        /** The real size estimator behind an initialisation that waits for the test. */
        @Bean
        @Primary
        SizeEstimator slowSizeEstimator(SizingProperties properties) {
            SizeEstimator real = SizeEstimators.create(properties);
            return new SizeEstimator() {
                @Override
                public List<ObjectSize> estimate(Detection detection) {
                    return real.estimate(detection);
                }

                @Override
                public void initialise() {
                    try {
                        MODEL_LOADED.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }

    @Test
    void keepsReadinessDownUntilTheSlowStageHasInitialised() throws Exception {
        AtomicInteger port = new AtomicInteger();
        AtomicInteger managementPort = new AtomicInteger();
        SpringApplicationBuilder builder = new SpringApplicationBuilder(FramePipeApplication.class, SlowStage.class)
                .listeners(event -> {
                    if (event instanceof WebServerInitializedEvent initialized) {
                        boolean management = "management"
                                .equals(initialized.getApplicationContext().getServerNamespace());
                        (management ? managementPort : port)
                                .set(initialized.getWebServer().getPort());
                    }
                });
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(
                () -> builder.run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off"));
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((port.get() == 0 || managementPort.get() == 0) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(port.get()).as("server listening").isPositive();
            assertThat(managementPort.get()).as("management server listening").isPositive();
            FrameClient client = new FrameClient(port.get());
            FrameClient management = new FrameClient(managementPort.get());

            HttpResponse<byte[]> readiness = management.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(FrameClient.text(readiness)).contains("OUT_OF_SERVICE");
            HttpResponse<byte[]> dashboardReadiness = client.get("/api/v1/readiness");
            assertThat(dashboardReadiness.statusCode()).isEqualTo(503);
            assertThat(FrameClient.text(dashboardReadiness)).contains("OUT_OF_SERVICE");
            HttpResponse<byte[]> early =
                    client.postFrame("stream=early&width=2&height=2", "application/octet-stream", new byte[4]);
            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(early.headers().firstValue("Retry-After")).isPresent();
            assertThat(started).isNotDone();

            MODEL_LOADED.countDown();
            ConfigurableApplicationContext context = started.get(30, TimeUnit.SECONDS);
            try {
                assertThat(management.get("/actuator/health/readiness").statusCode())
                        .isEqualTo(200);
                assertThat(client.get("/api/v1/readiness").statusCode()).isEqualTo(200);
                assertThat(client.postFrame("stream=late&width=2&height=2", "application/octet-stream", new byte[4])
                                .statusCode())
                        .isEqualTo(200);
            } finally {
                context.close();
            }
        } finally {
            MODEL_LOADED.countDown();
        }
    }
}

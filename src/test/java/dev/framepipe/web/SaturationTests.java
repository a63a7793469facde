package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.testing.SyntheticFrames;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

/** At the in-flight limit, further frames get 503 with Retry-After while those in flight finish and count. */
@SpringBootTest(
        classes = {FramePipeApplication.class, SaturationTests.GatedClassifier.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"framepipe.pipeline.max-in-flight=2", "framepipe.pipeline.deadline=20s"})
class SaturationTests {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Bean methods only (no stereotype), so no other test's component scan picks it up. */
    static class GatedClassifier {

        /** The real classifier, held back until the test releases it. */
        @Bean
        @Primary
        Classifier gatedClassifier(List<Classifier> classifiers) {
            Classifier real = classifiers.stream()
                    .filter(c -> !(c instanceof Gate))
                    .findFirst()
                    .orElseThrow();
            return new Gate(real);
        }
    }

    record Gate(Classifier real) implements Classifier {
        @Override
        public FrameClassification classify(Frame frame, Detection detection) {
            try {
                RELEASE.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.classify(frame, detection);
        }

        @Override
        public List<String> labels() {
            return real.labels();
        }

        @Override
        public ModelIdentity model() {
            return real.model();
        }

        @Override
        public void initialise() {
            real.initialise();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    FramePipeline pipeline;

    @Test
    void refusesFramesBeyondTheInFlightLimitWith503WhileInFlightFramesComplete() throws Exception {
        FrameClient client = new FrameClient(port);
        byte[] raw = SyntheticFrames.builder(64, 48)
                .seed(1)
                .objects(3)
                .sizeRange(6, 10)
                .build()
                .frame()
                .gray();
        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(
                () -> client.postFrame("stream=busy&width=64&height=48", "application/octet-stream", raw));
        CompletableFuture<HttpResponse<byte[]>> second = CompletableFuture.supplyAsync(
                () -> client.postFrame("stream=busy&width=64&height=48", "application/octet-stream", raw));
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pipeline.inFlight() < 2 && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        assertThat(pipeline.inFlight()).isEqualTo(2);

        HttpResponse<byte[]> refused =
                client.postFrame("stream=busy&width=64&height=48", "application/octet-stream", raw);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(FrameClient.json(refused).get("type").asString()).endsWith("/saturated");

        RELEASE.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        JsonNode frames = client.getJson("/api/v1/stats/busy").get("frames");
        assertThat(frames.get("ok").asLong()).isEqualTo(2);
        assertThat(frames.get("rejected").asLong()).isEqualTo(1);
    }
}

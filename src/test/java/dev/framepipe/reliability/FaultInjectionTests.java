package dev.framepipe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.pipeline.PipelineConfiguration;
import dev.framepipe.testing.FaultyStages;
import dev.framepipe.testing.FaultyStages.Fault;
import dev.framepipe.testing.SyntheticFrames;
import dev.framepipe.web.FrameClient;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import tools.jackson.databind.JsonNode;

/**
 * Faults injected through test-only stages ({@link FaultyStages}), with partial results
 * allowed (the default) and a short deadline: a throwing branch gives a partial report naming
 * it, a throwing detector a 500 naming it, a hanging branch a 504 at the deadline with its
 * thread interrupted and returned to the pool, and the frames after each are served normally.
 */
@SpringBootTest(
        classes = {FramePipeApplication.class, FaultyStages.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // concurrent: a hanging size estimator is cut off at the deadline only when it runs forked; auto mode
        // runs a stage measured as cheap inline, where nothing can interrupt it (README, "Learned classifier").
        properties = {
            "framepipe.pipeline.deadline=500ms",
            "framepipe.executor.threads=2",
            "framepipe.pipeline.mode=concurrent"
        })
class FaultInjectionTests {

    static final byte[] RAW = SyntheticFrames.builder(64, 48)
            .seed(9)
            .objects(4)
            .sizeRange(6, 12)
            .build()
            .frame()
            .gray();
    static final String QUERY = "stream=faults&width=64&height=48";

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    @Qualifier(PipelineConfiguration.STAGE_EXECUTOR)
    ThreadPoolTaskExecutor stageExecutor;

    private FrameClient client;

    @BeforeEach
    void warmUp() {
        FaultyStages.reset();
        client = new FrameClient(port);
        assertServedNormally(2);
    }

    @AfterEach
    void healBeforeTheNextTest() {
        FaultyStages.reset();
    }

    private HttpResponse<byte[]> post() {
        return client.postFrame(QUERY, "application/octet-stream", RAW);
    }

    private void assertServedNormally(int frames) {
        for (int i = 0; i < frames; i++) {
            HttpResponse<byte[]> response = post();
            assertThat(response.statusCode()).as(FrameClient.text(response)).isEqualTo(200);
            assertThat(FrameClient.json(response).get("outcome").asString()).isEqualTo("ok");
        }
        assertThat(new FrameClient(managementPort)
                        .getJson("/actuator/health")
                        .get("status")
                        .asString())
                .isEqualTo("UP");
    }

    private JsonNode frames() {
        return client.getJson("/api/v1/stats/faults").get("frames");
    }

    @Test
    void aThrowingSizeEstimatorGivesAPartialReportNamingSize() {
        JsonNode before = frames();
        FaultyStages.set("size", Fault.THROW);
        HttpResponse<byte[]> response = post();
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = FrameClient.json(response);
        assertThat(report.get("outcome").asString()).isEqualTo("partial");
        assertThat(report.get("failures").get(0).get("stage").asString()).isEqualTo("size");
        assertThat(report.get("objects").get(0).get("size").isNull()).isTrue();
        assertThat(report.get("objects").get(0).get("label").asString()).isNotBlank();
        Problems.assertNoLeak(response);
        assertThat(frames().get("partial").asLong())
                .isEqualTo(before.get("partial").asLong() + 1);

        FaultyStages.reset();
        assertServedNormally(3);
    }

    @Test
    void aThrowingClassifierGivesAPartialReportNamingClassify() {
        FaultyStages.set("classify", Fault.THROW);
        HttpResponse<byte[]> response = post();
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = FrameClient.json(response);
        assertThat(report.get("outcome").asString()).isEqualTo("partial");
        assertThat(report.get("failures").get(0).get("stage").asString()).isEqualTo("classify");
        assertThat(report.get("countsByClass").get("unclassified").asInt())
                .isEqualTo(report.get("objectCount").asInt());
        Problems.assertNoLeak(response);
        FaultyStages.reset();
        assertServedNormally(3);
    }

    @Test
    void bothBranchesThrowingGiveA500ProblemNamingAStage() {
        JsonNode before = frames();
        FaultyStages.set("size", Fault.THROW);
        FaultyStages.set("classify", Fault.THROW);
        JsonNode problem = Problems.assertProblem(post(), 500);
        assertThat(problem.get("stage").asString()).isIn("size", "classify");
        assertThat(frames().get("failed").asLong())
                .isEqualTo(before.get("failed").asLong() + 1);
        FaultyStages.reset();
        assertServedNormally(3);
    }

    @Test
    void aThrowingDetectorGivesA500ProblemNamingDetect() {
        JsonNode before = frames();
        FaultyStages.set("detect", Fault.THROW);
        JsonNode problem = Problems.assertProblem(post(), 500);
        assertThat(problem.get("stage").asString()).isEqualTo("detect");
        assertThat(problem.get("type").asString()).endsWith("/stage-failed");
        assertThat(frames().get("failed").asLong())
                .isEqualTo(before.get("failed").asLong() + 1);
        FaultyStages.reset();
        assertServedNormally(3);
    }

    @Test
    void aHangingSizeEstimatorGives504AtTheDeadlineAndItsThreadIsInterruptedAndReturned() {
        JsonNode before = frames();
        FaultyStages.set("size", Fault.HANG);
        long start = System.nanoTime();
        HttpResponse<byte[]> response = post();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        JsonNode problem = Problems.assertProblem(response, 504);
        assertThat(problem.get("stage").asString()).isEqualTo("size");
        assertThat(problem.get("type").asString()).endsWith("/deadline-exceeded");
        assertThat(millis).as("answered no earlier than the deadline").isGreaterThanOrEqualTo(500);

        await(() -> FaultyStages.HANGING.get() == 0 && stageExecutor.getActiveCount() == 0);
        assertThat(FaultyStages.INTERRUPTED.get())
                .as("the hanging stage was interrupted")
                .isEqualTo(1);
        assertThat(stageExecutor.getActiveCount()).isZero();
        assertThat(frames().get("failed").asLong())
                .isEqualTo(before.get("failed").asLong() + 1);

        FaultyStages.reset();
        assertServedNormally(3);
    }

    @Test
    void repeatedHangsNeverLeakStageThreads() {
        FaultyStages.set("size", Fault.HANG);
        for (int i = 0; i < 6; i++) {
            Problems.assertProblem(post(), 504);
        }
        await(() -> FaultyStages.HANGING.get() == 0 && stageExecutor.getActiveCount() == 0);
        assertThat(FaultyStages.INTERRUPTED.get()).isEqualTo(6);
        assertThat(stageExecutor.getPoolSize()).isLessThanOrEqualTo(2);
        String scrape = FrameClient.text(new FrameClient(managementPort).get("/actuator/prometheus"));
        assertThat(scrape).containsPattern("executor_active_threads\\{[^}]*name=\"stageExecutor\"[^}]*} 0.0");

        FaultyStages.reset();
        assertServedNormally(3);
    }

    /**
     * The classifier runs on the request thread, which nothing can interrupt from outside in
     * the pipeline: a classifier that hangs is only found out when it returns, and then the
     * frame gets 504 (it is not reported late as a success).
     */
    @Test
    void aSlowClassifierOnTheRequestThreadGets504WhenItReturns() {
        FaultyStages.slowMillis = 900;
        FaultyStages.set("classify", Fault.SLOW);
        JsonNode problem = Problems.assertProblem(post(), 504);
        assertThat(problem.get("stage").asString()).isEqualTo("classify");
        FaultyStages.reset();
        assertServedNormally(3);
    }

    @Test
    void aSlowDetectorGets504WhenItReturns() {
        FaultyStages.slowMillis = 900;
        FaultyStages.set("detect", Fault.SLOW);
        JsonNode problem = Problems.assertProblem(post(), 504);
        assertThat(problem.get("stage").asString()).isEqualTo("detect");
        FaultyStages.reset();
        assertServedNormally(3);
    }

    static void await(BooleanSupplier condition) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

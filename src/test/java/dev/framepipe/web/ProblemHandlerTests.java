package dev.framepipe.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.ModelRejected;
import dev.framepipe.detection.InvalidDetectorOption;
import dev.framepipe.frame.UndecodableFrame;
import dev.framepipe.pipeline.DeadlineExceeded;
import dev.framepipe.pipeline.PipelineProperties;
import dev.framepipe.pipeline.PipelineSaturated;
import dev.framepipe.pipeline.ServiceNotReady;
import dev.framepipe.pipeline.StageFailed;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The problem documents of {@link ProblemHandler}, in a web slice with a controller that throws
 * what it is told: status, type, title, detail, the {@code parameter} and {@code stage} fields,
 * {@code Retry-After} on 503, Spring MVC's own errors in the same form, and no exception text of
 * an unexpected failure or of a cause in the answer.
 */
@WebMvcTest(controllers = ProblemHandlerTests.Throwing.class)
@Import({WebSliceConfiguration.class, ProblemHandlerTests.Throwing.class})
class ProblemHandlerTests {

    private static final String SECRET = "s3cret-internal-state at com.example.Hidden";

    private static final Map<String, Supplier<RuntimeException>> FAILURES = Map.of(
            "unknown-parameter", () -> new UnknownParameter("colour", "unknown parameter 'colour'"),
            "invalid-detector-option", () -> new InvalidDetectorOption("min-area", "min-area must be positive"),
            "deadline", () -> new DeadlineExceeded("classify", Duration.ofSeconds(2)),
            "stage-failed", () -> new StageFailed("size", "the size stage failed", new IllegalStateException(SECRET)),
            "saturated", () -> new PipelineSaturated("no room for the frame"),
            "not-ready", () -> new ServiceNotReady("stages are initialising"),
            "undecodable", () -> new UndecodableFrame("the PNG is cut short", new IllegalStateException(SECRET)),
            "model-rejected", () -> new ModelRejected("the model has no output", new IllegalStateException(SECRET)),
            "unknown-stream", () -> new UnknownStream("no statistics for stream 'cam-9'"),
            "unexpected", () -> new IllegalStateException(SECRET));

    /** Throws the failure its path names; answers a count for Spring MVC's own parameter errors. */
    @RestController
    static class Throwing {

        @GetMapping("/test/throw/{failure}")
        String fail(@PathVariable String failure) {
            throw FAILURES.get(failure).get();
        }

        @GetMapping(path = "/test/count", produces = "application/json")
        int count(@RequestParam int n) {
            return n;
        }
    }

    @Autowired
    MockMvcTester mvc;

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "unknown-parameter",
                        400,
                        "unknown-parameter",
                        "Unknown parameter",
                        "unknown parameter 'colour'"),
                Arguments.of(
                        "invalid-detector-option",
                        400,
                        "invalid-detector-option",
                        "Invalid detector option",
                        "min-area must be positive"),
                Arguments.of("stage-failed", 500, "stage-failed", "Stage failed", "the size stage failed"),
                Arguments.of("saturated", 503, "saturated", "Pipeline saturated", "no room for the frame"),
                Arguments.of("not-ready", 503, "not-ready", "Service not ready", "stages are initialising"),
                Arguments.of("undecodable", 422, "undecodable-frame", "Undecodable frame", "the PNG is cut short"),
                Arguments.of("model-rejected", 422, "model-rejected", "Model rejected", "the model has no output"),
                Arguments.of(
                        "unknown-stream", 404, "unknown-stream", "Unknown stream", "no statistics for stream 'cam-9'"),
                Arguments.of(
                        "unexpected",
                        500,
                        "internal-error",
                        "Internal error",
                        "the service failed unexpectedly; the failure is logged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void answersEachFailureWithItsProblemAndNoExceptionText(
            String failure, int status, String type, String title, String detail) {
        MvcTestResult result = mvc.get().uri("/test/throw/" + failure).exchange();

        assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(ProblemHandler.TYPE_BASE + type);
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail);
        assertThat(result).bodyText().doesNotContain("s3cret", "com.example", "Exception", "trace", "at dev.");
    }

    @Test
    void namesTheOffendingParameterOfAnUnknownParameterAndAnInvalidDetectorOption() {
        assertThat(mvc.get().uri("/test/throw/unknown-parameter"))
                .bodyJson()
                .extractingPath("$.parameter")
                .isEqualTo("colour");
        assertThat(mvc.get().uri("/test/throw/invalid-detector-option"))
                .bodyJson()
                .extractingPath("$.parameter")
                .isEqualTo("min-area");
    }

    @Test
    void namesTheStageOfAMissedDeadlineAndOfAFailedStage() {
        MvcTestResult deadline = mvc.get().uri("/test/throw/deadline").exchange();
        assertThat(deadline).hasStatus(504);
        assertThat(deadline)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo(ProblemHandler.TYPE_BASE + "deadline-exceeded");
        assertThat(deadline).bodyJson().extractingPath("$.stage").isEqualTo("classify");
        assertThat(mvc.get().uri("/test/throw/stage-failed"))
                .bodyJson()
                .extractingPath("$.stage")
                .isEqualTo("size");
    }

    @Test
    void asksToRetryAfterTheConfiguredPauseOnlyWhenTheServiceIsUnavailable() {
        String seconds = Long.toString(
                Math.max(1, PipelineProperties.defaults().retryAfter().toSeconds()));
        assertThat(mvc.get().uri("/test/throw/saturated")).headers().hasValue("Retry-After", seconds);
        assertThat(mvc.get().uri("/test/throw/not-ready")).headers().hasValue("Retry-After", seconds);
        assertThat(mvc.get().uri("/test/throw/unknown-stream")).headers().doesNotContainHeader("Retry-After");
        assertThat(mvc.get().uri("/test/throw/unexpected")).headers().doesNotContainHeader("Retry-After");
    }

    @Test
    void answersSpringMvcsOwnErrorsAsProblemsToo() {
        assertThat(mvc.get().uri("/test/count"))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("'n'");
        assertThat(mvc.get().uri("/test/count?n=many"))
                .hasStatus(400)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.post().uri("/test/count?n=1"))
                .hasStatus(405)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}

package dev.framepipe.web;

import dev.framepipe.classification.ModelRejected;
import dev.framepipe.classification.ModelReplacementUnsupported;
import dev.framepipe.detection.InvalidDetectorOption;
import dev.framepipe.frame.FrameTooLarge;
import dev.framepipe.frame.InvalidFrameGeometry;
import dev.framepipe.frame.UndecodableFrame;
import dev.framepipe.frame.UnsupportedFrameFormat;
import dev.framepipe.pipeline.DeadlineExceeded;
import dev.framepipe.pipeline.PipelineProperties;
import dev.framepipe.pipeline.PipelineSaturated;
import dev.framepipe.pipeline.ServiceNotReady;
import dev.framepipe.pipeline.StageFailed;
import dev.framepipe.stats.InvalidStreamName;
import dev.framepipe.stats.StreamLimitReached;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem document with a clear {@code detail} and no
 * stack trace; Spring MVC's own errors (415, 406, missing or mistyped parameters, multipart
 * size) come through {@link ResponseEntityExceptionHandler} in the same form.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://framepipe.dev/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final PipelineProperties pipeline;

    ProblemHandler(PipelineProperties pipeline) {
        this.pipeline = pipeline;
    }

    /** How each of FramePipe's own failures is answered. */
    private record ProblemType(HttpStatus status, String type, String title) {}

    private static final Map<Class<? extends RuntimeException>, ProblemType> PROBLEM_TYPES = Map.ofEntries(
            Map.entry(
                    FrameTooLarge.class,
                    new ProblemType(HttpStatus.CONTENT_TOO_LARGE, "frame-too-large", "Frame too large")),
            Map.entry(
                    BatchTooLarge.class,
                    new ProblemType(HttpStatus.CONTENT_TOO_LARGE, "batch-too-large", "Batch too large")),
            Map.entry(
                    UnsupportedFrameFormat.class,
                    new ProblemType(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-frame-format", "Unsupported frame format")),
            Map.entry(
                    UndecodableFrame.class,
                    new ProblemType(HttpStatus.UNPROCESSABLE_CONTENT, "undecodable-frame", "Undecodable frame")),
            Map.entry(
                    InvalidFrameGeometry.class,
                    new ProblemType(HttpStatus.BAD_REQUEST, "invalid-frame-geometry", "Invalid frame geometry")),
            Map.entry(
                    InvalidFrameRequest.class,
                    new ProblemType(HttpStatus.BAD_REQUEST, "invalid-frame-request", "Invalid frame request")),
            Map.entry(
                    InvalidStreamName.class,
                    new ProblemType(HttpStatus.BAD_REQUEST, "invalid-stream", "Invalid stream name")),
            Map.entry(
                    StreamLimitReached.class,
                    new ProblemType(HttpStatus.BAD_REQUEST, "stream-limit-reached", "Stream limit reached")),
            Map.entry(
                    PipelineSaturated.class,
                    new ProblemType(HttpStatus.SERVICE_UNAVAILABLE, "saturated", "Pipeline saturated")),
            Map.entry(
                    ServiceNotReady.class,
                    new ProblemType(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", "Service not ready")),
            Map.entry(
                    DeadlineExceeded.class,
                    new ProblemType(HttpStatus.GATEWAY_TIMEOUT, "deadline-exceeded", "Deadline exceeded")),
            Map.entry(
                    StageFailed.class,
                    new ProblemType(HttpStatus.INTERNAL_SERVER_ERROR, "stage-failed", "Stage failed")),
            Map.entry(
                    OperatorForbidden.class,
                    new ProblemType(HttpStatus.FORBIDDEN, "operator-forbidden", "Operator token required")),
            Map.entry(
                    ModelRejected.class,
                    new ProblemType(HttpStatus.UNPROCESSABLE_CONTENT, "model-rejected", "Model rejected")),
            Map.entry(
                    ModelReplacementUnsupported.class,
                    new ProblemType(HttpStatus.CONFLICT, "model-not-replaceable", "Model not replaceable")),
            Map.entry(
                    ModelTooLarge.class,
                    new ProblemType(HttpStatus.CONTENT_TOO_LARGE, "model-too-large", "Model too large")),
            Map.entry(UnknownStream.class, new ProblemType(HttpStatus.NOT_FOUND, "unknown-stream", "Unknown stream")),
            Map.entry(
                    UnknownParameter.class,
                    new ProblemType(HttpStatus.BAD_REQUEST, "unknown-parameter", "Unknown parameter")),
            Map.entry(
                    InvalidDetectorOption.class,
                    new ProblemType(HttpStatus.BAD_REQUEST, "invalid-detector-option", "Invalid detector option")),
            Map.entry(
                    BodyTimedOut.class, new ProblemType(HttpStatus.REQUEST_TIMEOUT, "body-timeout", "Body too slow")));

    /**
     * Every runtime exception that reaches the controllers: a key of {@link #PROBLEM_TYPES} (the one table of the
     * service's own exceptions) becomes its problem; anything else is an unexpected failure (500, logged).
     */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> known(RuntimeException e) {
        ProblemType known = PROBLEM_TYPES.get(e.getClass());
        if (known == null) {
            return unexpected(e);
        }
        ResponseEntity<ProblemDetail> response = problem(known.status(), known.type(), known.title(), e.getMessage());
        if (e instanceof DeadlineExceeded deadline) {
            response.getBody().setProperty("stage", deadline.stage());
        } else if (e instanceof UnknownParameter unknown) {
            response.getBody().setProperty("parameter", unknown.parameter());
        } else if (e instanceof InvalidDetectorOption invalid) {
            response.getBody().setProperty("parameter", invalid.parameter());
        } else if (e instanceof StageFailed failed) {
            log.warn("Stage '{}' failed: {}", failed.stage(), failed.getMessage(), failed.getCause());
            response.getBody().setProperty("stage", failed.stage());
        }
        return known.status() == HttpStatus.SERVICE_UNAVAILABLE ? retryLater(response) : response;
    }

    /**
     * A multipart body that cannot be parsed (cut short, bad boundary) is the client's error;
     * the size limits ({@code MaxUploadSizeExceededException}, a subclass) stay 413.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        log.debug("Malformed multipart body", e);
        return problem(
                HttpStatus.BAD_REQUEST,
                "malformed-multipart",
                "Malformed multipart body",
                "the multipart/form-data body could not be parsed; send one complete file part named 'frame'");
    }

    private ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "the service failed unexpectedly; the failure is logged");
    }

    private ResponseEntity<ProblemDetail> retryLater(ResponseEntity<ProblemDetail> response) {
        long seconds = Math.max(1, pipeline.retryAfter().toSeconds());
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(response.getBody());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}

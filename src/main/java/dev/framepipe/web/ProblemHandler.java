package dev.framepipe.web;

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

    @ExceptionHandler(FrameTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(FrameTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "frame-too-large", "Frame too large", e.getMessage());
    }

    @ExceptionHandler(UnsupportedFrameFormat.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedFrameFormat e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-frame-format", "Unsupported frame format",
                e.getMessage());
    }

    @ExceptionHandler(UndecodableFrame.class)
    ResponseEntity<ProblemDetail> undecodable(UndecodableFrame e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "undecodable-frame", "Undecodable frame", e.getMessage());
    }

    @ExceptionHandler(InvalidFrameGeometry.class)
    ResponseEntity<ProblemDetail> geometry(InvalidFrameGeometry e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-frame-geometry", "Invalid frame geometry", e.getMessage());
    }

    @ExceptionHandler(InvalidFrameRequest.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidFrameRequest e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-frame-request", "Invalid frame request", e.getMessage());
    }

    @ExceptionHandler(InvalidStreamName.class)
    ResponseEntity<ProblemDetail> invalidStream(InvalidStreamName e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-stream", "Invalid stream name", e.getMessage());
    }

    @ExceptionHandler(StreamLimitReached.class)
    ResponseEntity<ProblemDetail> streamLimit(StreamLimitReached e) {
        return problem(HttpStatus.BAD_REQUEST, "stream-limit-reached", "Stream limit reached", e.getMessage());
    }

    @ExceptionHandler(PipelineSaturated.class)
    ResponseEntity<ProblemDetail> saturated(PipelineSaturated e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "saturated", "Pipeline saturated", e.getMessage()));
    }

    @ExceptionHandler(ServiceNotReady.class)
    ResponseEntity<ProblemDetail> notReady(ServiceNotReady e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "not-ready", "Service not ready", e.getMessage()));
    }

    @ExceptionHandler(DeadlineExceeded.class)
    ResponseEntity<ProblemDetail> deadline(DeadlineExceeded e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.GATEWAY_TIMEOUT, "deadline-exceeded",
                "Deadline exceeded", e.getMessage());
        response.getBody().setProperty("stage", e.stage());
        return response;
    }

    @ExceptionHandler(StageFailed.class)
    ResponseEntity<ProblemDetail> stageFailed(StageFailed e) {
        log.warn("Stage '{}' failed: {}", e.stage(), e.getMessage(), e.getCause());
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.INTERNAL_SERVER_ERROR, "stage-failed",
                "Stage failed", e.getMessage());
        response.getBody().setProperty("stage", e.stage());
        return response;
    }

    @ExceptionHandler(ResetForbidden.class)
    ResponseEntity<ProblemDetail> resetForbidden(ResetForbidden e) {
        return problem(HttpStatus.FORBIDDEN, "reset-forbidden", "Reset forbidden", e.getMessage());
    }

    @ExceptionHandler(UnknownStream.class)
    ResponseEntity<ProblemDetail> unknownStream(UnknownStream e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-stream", "Unknown stream", e.getMessage());
    }

    /**
     * A multipart body that cannot be parsed (cut short, bad boundary) is the client's error;
     * the size limits ({@code MaxUploadSizeExceededException}, a subclass) stay 413.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformedMultipart(MultipartException e) {
        log.debug("Malformed multipart body", e);
        return problem(HttpStatus.BAD_REQUEST, "malformed-multipart", "Malformed multipart body",
                "the multipart/form-data body could not be parsed; send one complete file part named 'frame'");
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
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

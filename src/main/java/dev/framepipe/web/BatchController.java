package dev.framepipe.web;

import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.FrameLimits;
import dev.framepipe.frame.FrameTooLarge;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.PipelineResult;
import dev.framepipe.pipeline.ServiceNotReady;
import dev.framepipe.stats.Aggregator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/batches}: many frames in one {@code multipart/form-data} body, read part by
 * part as they arrive (never buffered whole), answered as NDJSON: one line per frame as soon as it
 * is analysed, then a summary line.
 *
 * <p>The request thread reads parts; each frame is then decoded and analysed on the batch executor,
 * so the next part is read (and decoded) while earlier frames are analysed. At most
 * {@link BatchProperties#framesInFlight()} frames of one batch are held at once, and each holds a
 * place in the pipeline's admission bounds (frames in flight, memory, work), waited for up to
 * {@link BatchProperties#admissionWait()} rather than refused at once. Each frame is counted once, as a single frame would be: an analysed frame by
 * the pipeline, any other with the status its problem line shows.
 *
 * <p>Spring's multipart resolver is off for this path ({@link WebConfiguration}); nothing here may
 * call {@code getParameter}, which would make the container parse (and buffer) the whole body.
 */
@RestController
@Tag(name = "batches", description = "Analyse many frames in one request, results streamed as NDJSON")
class BatchController {

    static final String BATCHES_PATH = "/api/v1/batches";

    /** The batch's own query parameters; besides them it takes the detector options of single frames. */
    static final List<String> KNOWN_PARAMETERS = List.of("stream", "width", "height", "detail");

    private static final String FRAME_PART = "frame";

    private final FramePipeline pipeline;
    private final Aggregator aggregator;
    private final FrameLimits limits;
    private final BatchProperties properties;
    private final ProblemHandler problems;
    private final JsonMapper json;
    private final TaskExecutor executor;
    private final DetectorParameters detectorParameters;
    private final FrameReportWriter reports;

    BatchController(
            FramePipeline pipeline,
            Aggregator aggregator,
            FrameLimits limits,
            BatchProperties properties,
            ProblemHandler problems,
            JsonMapper json,
            @Qualifier(WebConfiguration.BATCH_EXECUTOR) TaskExecutor executor,
            DetectorParameters detectorParameters,
            FrameReportWriter reports) {
        this.detectorParameters = detectorParameters;
        this.reports = reports;
        this.pipeline = pipeline;
        this.aggregator = aggregator;
        this.limits = limits;
        this.properties = properties;
        this.problems = problems;
        this.json = json;
        this.executor = executor;
    }

    @Operation(
            summary = "Analyse a batch of frames, results streamed",
            description = "The body is `multipart/form-data` with any number of file parts named `frame` (up to "
                    + "`framepipe.batch.max-frames`), each an image in any supported format with its `Content-Type` "
                    + "and filename; raw 8-bit gray parts (`application/octet-stream`) carry `width` and `height` as "
                    + "part headers or take them from the query. The body is read part by part as it arrives. "
                    + "The answer is `application/x-ndjson`: one JSON line per frame as soon as it is analysed "
                    + "(frames of a batch are analysed several at a time, so lines may come out of order; `index` "
                    + "is the part's position, from 0), then one summary line. A frame line is "
                    + "`{\"index\",\"filename\",\"status\":200,\"report\":{...}}` with the same report as "
                    + "`POST /api/v1/frames`, or `{\"index\",\"filename\",\"status\",\"problem\":{...}}` with the "
                    + "RFC 9457 problem the frame would have got alone; the batch goes on after it. A problem of "
                    + "the whole batch once lines were sent is a line `{\"status\",\"problem\"}` without index. The "
                    + "summary line is `{\"summary\":{\"frames\",\"byOutcome\",\"objects\",\"objectsByClass\","
                    + "\"elapsedMillis\",\"framesPerSecond\",\"stopped\"}}`; `stopped` names why the batch ended "
                    + "early (`frame-limit`, `body-limit`, `malformed-body`, `client-disconnected`, `not-ready`) "
                    + "or is null. Every frame line is counted once in the statistics, as a single frame is. "
                    + "A client that disconnects stops the batch. A batch refused before any line (413 declared "
                    + "length over `framepipe.batch.max-body-size`, 400 bad parameters, 503 not ready) is an "
                    + "ordinary problem response and counts no frame.")
    @Parameter(
            in = ParameterIn.QUERY,
            name = "stream",
            example = "cam-1",
            description = "Stream (camera) name for every frame of the batch",
            schema = @Schema(type = "string"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "width",
            description = "Width in pixels of raw gray8 parts without a " + "`width` header",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "height",
            description = "Height in pixels of raw gray8 parts without a " + "`height` header",
            schema = @Schema(type = "integer", minimum = "1"))
    @Parameter(
            in = ParameterIn.QUERY,
            name = "detail",
            description = "How much of each frame's report to write, as for "
                    + "`POST /api/v1/frames`: `counts`, `objects` or `full` (the default)",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"counts", "objects", "full"},
                            defaultValue = "full"))
    @DetectorQueryParameters
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = BatchUpload.class)))
    @ApiResponse(
            responseCode = "200",
            description = "NDJSON: one line per frame as it finishes, then the summary",
            content =
                    @Content(
                            mediaType = BatchRun.NDJSON,
                            schema =
                                    @Schema(
                                            type = "string",
                                            example =
                                                    "{\"index\":0,\"filename\":\"a.png\",\"status\":200,\"report\":{\"objectCount\":3}}\n"
                                                            + "{\"index\":1,\"filename\":\"b.png\",\"status\":422,\"problem\":{\"type\":"
                                                            + "\"https://framepipe.dev/problems/undecodable-frame\",\"status\":422}}\n"
                                                            + "{\"summary\":{\"frames\":2,\"byOutcome\":{\"ok\":1,\"partial\":0,\"rejected\":1,"
                                                            + "\"failed\":0},\"objects\":3,\"objectsByClass\":{\"round\":3},\"elapsedMillis\":41,"
                                                            + "\"framesPerSecond\":24.4,\"stopped\":null}}\n")))
    @ApiResponse(
            responseCode = "400",
            description = "Unknown or bad query parameter, bad stream name",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "Declared body length over `framepipe.batch.max-body-size`",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description = "Not ready (starting or shutting down)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BATCHES_PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = BatchRun.NDJSON)
    void analyse(
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response)
            throws IOException {
        FrameOptions options = options(queryParameters(request));
        String stream = aggregator.admitStream(options.stream());
        DetectorOptions detector = detectorParameters.resolve(request.getQueryString(), stream, KNOWN_PARAMETERS);
        if (!pipeline.isAccepting()) {
            throw new ServiceNotReady("the pipeline is not accepting frames (starting up or shutting down)");
        }
        long maxBody = properties.maxBodySize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > maxBody) {
            throw new BatchTooLarge(bodyLimitMessage(declared));
        }
        JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
        upload.setMaxSize(maxBody);
        BatchRun run = new BatchRun(response, json, reports, options.detail());
        Semaphore window = new Semaphore(properties.framesInFlight());
        String stopped = null;
        RuntimeException refusal = null;
        try {
            FileItemInputIterator parts = upload.getItemIterator(request);
            int index = 0;
            while (!run.clientGone() && parts.hasNext()) {
                FileItemInput part = parts.next();
                if (index >= properties.maxFrames()) {
                    refusal = new BatchTooLarge("the batch has more than " + properties.maxFrames()
                            + " frames (framepipe.batch.max-frames); frames from index " + index + " on were not read");
                    refuse(run, stream, index, part.getName(), refusal);
                    stopped = "frame-limit";
                    break;
                }
                window.acquireUninterruptibly();
                if (!submit(run, stream, options, detector, index++, part, window)) {
                    stopped = "not-ready";
                    break;
                }
            }
        } catch (FileUploadSizeException e) {
            stopped = "body-limit";
            refusal = new BatchTooLarge(bodyLimitMessage(e.getActualSize()));
        } catch (IOException e) {
            stopped = "malformed-body";
            refusal = new InvalidFrameRequest("the multipart/form-data body could not be read to its end ("
                    + e.getClass().getSimpleName() + "); frames before that point were answered");
        } finally {
            window.acquireUninterruptibly(properties.framesInFlight());
        }
        if (run.clientGone()) {
            stopped = "client-disconnected";
        }
        if (refusal != null && !run.committed() && !"frame-limit".equals(stopped)) {
            throw refusal;
        }
        if (refusal != null && !"frame-limit".equals(stopped)) {
            run.batchProblem(problems.known(refusal).getBody());
        }
        run.summary(stopped);
    }

    /**
     * Reads one part and hands it to the batch executor, holding one place of {@code window} (released
     * when the frame is answered). Answers a problem line for a part that cannot be a frame.
     *
     * @return false when the pipeline stopped accepting frames, which ends the batch
     */
    private boolean submit(
            BatchRun run,
            String stream,
            FrameOptions options,
            DetectorOptions detector,
            int index,
            FileItemInput part,
            Semaphore window)
            throws IOException {
        String filename = part.getName();
        EncodedFrame encoded;
        try {
            encoded = encoded(part, options);
            if (!pipeline.isAccepting()) {
                throw new ServiceNotReady("the pipeline is not accepting frames (shutting down)");
            }
        } catch (ServiceNotReady e) {
            refuse(run, stream, index, filename, e);
            window.release();
            return false;
        } catch (RuntimeException e) {
            refuse(run, stream, index, filename, e);
            window.release();
            return true;
        } catch (IOException e) {
            window.release();
            throw e;
        }
        Runnable task = () -> {
            try {
                PipelineResult result;
                try {
                    result = pipeline.process(stream, encoded, detector, properties.admissionWait());
                } catch (RuntimeException e) {
                    refuse(run, stream, index, filename, e);
                    return;
                }
                // Counted by the pipeline: whatever happens to its line, the frame is never counted again.
                run.analysed(index, filename, result.report());
            } finally {
                window.release();
            }
        };
        try {
            executor.execute(task);
        } catch (TaskRejectedException e) {
            task.run();
        }
        return true;
    }

    /** Counts a frame that was not analysed, with the outcome its status gives, and writes its problem line. */
    private void refuse(BatchRun run, String stream, int index, String filename, RuntimeException e) {
        ProblemDetail problem = problems.known(e).getBody();
        aggregator.countRefusal(stream, FrameAccountingFilter.outcomeOf(problem.getStatus()));
        run.refused(index, filename, FrameAccountingFilter.outcomeOf(problem.getStatus()), problem);
    }

    /** Reads one part into an encoded frame, within the single-frame body limit. */
    private EncodedFrame encoded(FileItemInput part, FrameOptions options) throws IOException {
        if (!FRAME_PART.equals(part.getFieldName())) {
            throw new InvalidFrameRequest("part '" + part.getFieldName() + "' is not a frame; name every part 'frame'");
        }
        long limit = limits.maxBodySize().toBytes();
        byte[] data;
        try (InputStream in = part.getInputStream()) {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (data.length > limit) {
            throw new FrameTooLarge("the frame is over " + limit + " bytes (framepipe.limits.max-body-size)");
        }
        String type = part.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : part.getContentType();
        Integer width = dimension(part.getHeaders().getHeader("width"), "width", options.width());
        Integer height = dimension(part.getHeaders().getHeader("height"), "height", options.height());
        return FrameController.encoded(type, data, width, height);
    }

    private static Integer dimension(String header, String name, Integer fallback) {
        if (header == null) {
            return fallback;
        }
        try {
            return Integer.valueOf(header.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFrameRequest("part header '" + name + "' must be a whole number, not '" + header + "'");
        }
    }

    private String bodyLimitMessage(long bytes) {
        return "the batch body is " + (bytes >= 0 ? bytes + " bytes" : "of unknown length") + "; the limit is "
                + properties.maxBodySize().toBytes() + " bytes (framepipe.batch.max-body-size)";
    }

    /**
     * The batch's own per-frame options from its query; unknown names are refused by
     * {@link DetectorParameters#resolve}, which parses the detector options as for single frames.
     */
    static FrameOptions options(MultiValueMap<String, String> query) {
        return new FrameOptions(
                query.getFirst("stream"),
                integer(query, "width"),
                integer(query, "height"),
                ReportDetail.parse(query.getFirst("detail")));
    }

    private static Integer integer(MultiValueMap<String, String> query, String name) {
        String value = query.getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFrameRequest("query parameter '" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    /** The decoded query parameters, read from the query string (never {@code getParameter}: see the class doc). */
    static MultiValueMap<String, String> queryParameters(HttpServletRequest request) {
        String query = request.getQueryString();
        MultiValueMap<String, String> raw = UriComponentsBuilder.newInstance()
                .query(query == null ? "" : query)
                .build()
                .getQueryParams();
        MultiValueMap<String, String> decoded = new org.springframework.util.LinkedMultiValueMap<>();
        raw.forEach((name, values) -> values.forEach(value -> decoded.add(
                UriUtils.decode(name, StandardCharsets.UTF_8),
                value == null ? "" : UriUtils.decode(value, StandardCharsets.UTF_8))));
        return decoded;
    }

    /**
     * Options that apply to every frame of a request.
     *
     * @param stream the requested stream name, or null for the default
     * @param width  width of raw gray8 frames without their own, or null
     * @param height height of raw gray8 frames without their own, or null
     * @param detail how much of each report to write
     */
    record FrameOptions(String stream, Integer width, Integer height, ReportDetail detail) {}

    /** The multipart form, for the OpenAPI description. */
    @Schema(name = "BatchUpload")
    record BatchUpload(
            @Schema(type = "array", description = "the frame files, one part each", implementation = byte[].class)
            List<String> frame) {}
}

package dev.framepipe.web;

import dev.framepipe.annotation.FrameAnnotator;
import dev.framepipe.detection.DetectorOptions;
import dev.framepipe.frame.EncodedFrame;
import dev.framepipe.frame.FrameFormat;
import dev.framepipe.frame.FrameLimits;
import dev.framepipe.frame.FrameTooLarge;
import dev.framepipe.frame.UnsupportedFrameFormat;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.FrameReport;
import dev.framepipe.pipeline.PipelineResult;
import dev.framepipe.stats.Aggregator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/** {@code POST /api/v1/frames}: analyse one frame, sent as the body or as a multipart part. */
@RestController
@RequestMapping("/api/v1/frames")
@Tag(name = "frames", description = "Analyse frames: detect, measure, classify and count objects")
class FrameController {

    static final String FRAMES_PATH = "/api/v1/frames";

    /** The query parameters of this operation besides the detector's options. */
    static final List<String> FRAME_PARAMETERS = List.of("stream", "width", "height", "detail");

    private final FramePipeline pipeline;
    private final Aggregator aggregator;
    private final FrameLimits limits;
    private final DetectorParameters detectorParameters;
    private final FrameReportWriter reports;
    private final FrameAnnotator annotator = new FrameAnnotator();

    FrameController(
            FramePipeline pipeline,
            Aggregator aggregator,
            FrameLimits limits,
            DetectorParameters detectorParameters,
            FrameReportWriter reports) {
        this.pipeline = pipeline;
        this.aggregator = aggregator;
        this.limits = limits;
        this.detectorParameters = detectorParameters;
        this.reports = reports;
    }

    @Operation(
            summary = "Analyse a frame",
            description = "The frame is the request body: an image (PNG, JPEG, BMP, GIF, TIFF, binary PGM) with its "
                    + "media type, or raw 8-bit grayscale (`application/octet-stream` with `width` and `height`; "
                    + "without them the format is recognised from its magic bytes). Or it is the file part `frame` "
                    + "of a `multipart/form-data` body, which is what a browser's file picker (and Swagger UI's "
                    + "\"Try it out\") sends. Answers the JSON report; the annotated frame with `Accept: image/png`; or both "
                    + "in one answer with `Accept: multipart/form-data` (parts `report` and `annotated`). `detail` trims the "
                    + "JSON report for clients that need only counts or boxes. "
                    + "Stage timings are also in the `Server-Timing` header. The detector options below override "
                    + "the stream's (`framepipe.streams.<stream>.detector.*`), which override the global ones "
                    + "(`framepipe.detector.*`); the report echoes the options in effect (`detector`; the defaults are in `framepipe.detector.*`). An unknown "
                    + "query parameter or a bad value is a 400 problem naming it (`parameter`).")
    @DetectorQueryParameters
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                        schema = @Schema(implementation = FrameUpload.class)),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/bmp", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/tiff", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/x-portable-graymap", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))
            })
    @FrameResponses
    @PostMapping(
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, "image/*", MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE
            })
    ResponseEntity<?> analyse(
            @Parameter(
                            description = "Stream (camera) name; letters, digits, '.', '_', '-', at most 64",
                            example = "cam-1")
                    @RequestParam(required = false)
                    String stream,
            @Parameter(description = "Width in pixels, for raw gray8 only") @RequestParam(required = false)
                    Integer width,
            @Parameter(description = "Height in pixels, for raw gray8 only") @RequestParam(required = false)
                    Integer height,
            @Parameter(
                            description =
                                    "How much of the JSON report to answer: `counts` (no `objects` list), `objects` "
                                            + "(each object without its `size` and `features`), or `full` (the whole report; the default)",
                            schema =
                                    @Schema(
                                            allowableValues = {"counts", "objects", "full"},
                                            defaultValue = "full"))
                    @RequestParam(required = false)
                    String detail,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @Parameter(hidden = true) HttpServletRequest request)
            throws IOException {
        ReportDetail reportDetail = ReportDetail.parse(detail);
        String admitted = aggregator.admitStream(stream);
        // Refused by the intake (saturated, closed, no memory), or its body timed out: answer that.
        BodyIntakeFilter.rethrowFailure(request);
        DetectorOptions options = detectorParameters.resolve(request.getQueryString(), admitted, FRAME_PARAMETERS);
        // Saturated or closed: refuse before reading (and buffering) a body that would be thrown away.
        pipeline.checkAdmissible();
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        EncodedFrame encoded = multipart != null
                ? fromPart(multipart, width, height)
                : encoded(contentType, readBody(request), width, height);
        return analyse(admitted, encoded, options, accept, reportDetail);
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        long limit = limits.maxBodySize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(declared);
        }
        try (InputStream in = request.getInputStream()) {
            if (declared >= 0) {
                // Known length: one exact buffer, no chunked reads and final copy.
                byte[] body = new byte[(int) declared];
                int read = in.readNBytes(body, 0, body.length);
                return read == body.length ? body : java.util.Arrays.copyOf(body, read);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(body.length);
            }
            return body;
        }
    }

    private EncodedFrame fromPart(MultipartHttpServletRequest request, Integer width, Integer height)
            throws IOException {
        List<MultipartFile> parts = request.getMultiFileMap().getOrDefault("frame", List.of());
        if (parts.isEmpty()) {
            throw new InvalidFrameRequest("the multipart body has no file part named 'frame'");
        }
        if (parts.size() > 1) {
            throw new InvalidFrameRequest("the multipart body has " + parts.size() + " parts named 'frame'; send one");
        }
        MultipartFile part = parts.get(0);
        if (part.getSize() > limits.maxBodySize().toBytes()) {
            throw tooLarge(part.getSize());
        }
        String type = part.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : part.getContentType();
        return encoded(type, part.getBytes(), width, height);
    }

    private ResponseEntity<?> analyse(
            String stream, EncodedFrame encoded, DetectorOptions options, String accept, ReportDetail detail) {
        PipelineResult result = pipeline.process(stream, encoded, options);
        FrameReport report = result.report();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header("Server-Timing", serverTiming(report.timingsMicros()))
                .header("X-Frame-Id", report.frameId());
        return switch (answerFor(accept)) {
            case PNG -> response.contentType(MediaType.IMAGE_PNG).body(annotator.annotate(result.frame(), report));
            case BOTH -> response.contentType(MediaType.MULTIPART_FORM_DATA).body(both(result, detail));
            case JSON -> response.contentType(MediaType.APPLICATION_JSON).body(reports.toJson(report, detail));
        };
    }

    /** The report and the annotated frame in one answer: parts {@code report} (JSON) and {@code annotated} (PNG). */
    private MultiValueMap<String, Object> both(PipelineResult result, ReportDetail detail) {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        HttpHeaders png = new HttpHeaders();
        png.setContentType(MediaType.IMAGE_PNG);
        byte[] annotated = annotator.annotate(result.frame(), result.report());
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("report", new HttpEntity<>(reports.toJson(result.report(), detail), json));
        parts.add(
                "annotated",
                new HttpEntity<>(
                        new ByteArrayResource(annotated) {
                            @Override
                            public String getFilename() {
                                return result.report().frameId() + ".png";
                            }
                        },
                        png));
        return parts;
    }

    /** The encoded frame for a body of the given media type; raw gray8 needs both dimensions or magic bytes. */
    static EncodedFrame encoded(String contentType, byte[] body, Integer width, Integer height) {
        if (body.length == 0) {
            throw new InvalidFrameRequest("the request body is empty; send the frame's bytes");
        }
        FrameFormat format = FrameFormat.fromMediaType(contentType)
                .orElseThrow(() -> new UnsupportedFrameFormat("media type '" + contentType + "' is not a supported "
                        + "frame format; use one of " + supportedTypes()));
        if (format == FrameFormat.RAW_GRAY8) {
            if (width == null && height == null) {
                format = FrameFormat.sniff(body)
                        .orElseThrow(
                                () -> new InvalidFrameRequest(
                                        "raw gray8 frames (application/octet-stream) need the 'width' and 'height' parameters"));
                return EncodedFrame.of(format, body);
            }
            if (width == null || height == null) {
                throw new InvalidFrameRequest("raw gray8 frames need both 'width' and 'height'");
            }
            return EncodedFrame.rawGray8(body, width, height);
        }
        return EncodedFrame.of(format, body);
    }

    private FrameTooLarge tooLarge(long bytes) {
        return new FrameTooLarge("the frame is " + bytes + " bytes; the limit is "
                + limits.maxBodySize().toBytes() + " bytes (framepipe.limits.max-body-size)");
    }

    private static String supportedTypes() {
        return java.util.Arrays.stream(FrameFormat.values())
                .map(FrameFormat::mediaType)
                .collect(Collectors.joining(", "));
    }

    static String serverTiming(Map<String, Long> micros) {
        return micros.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s;dur=%.3f", e.getKey(), e.getValue() / 1000.0))
                .collect(Collectors.joining(", "));
    }

    /** What a frame request is answered with. */
    enum Answer {
        /** The JSON report (the default). */
        JSON,
        /** The annotated frame as PNG. */
        PNG,
        /** Both, as {@code multipart/form-data} with the parts {@code report} and {@code annotated}. */
        BOTH
    }

    /** The answer the client's {@code Accept} prefers; JSON on a tie, for a missing header or wildcards. */
    static Answer answerFor(String accept) {
        if (accept == null || accept.isBlank()) {
            return Answer.JSON;
        }
        double png = 0;
        double json = 0;
        double both = 0;
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.equalsTypeAndSubtype(MediaType.IMAGE_PNG)) {
                png = Math.max(png, type.getQualityValue());
            } else if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                json = Math.max(json, type.getQualityValue());
            } else if (type.equalsTypeAndSubtype(MediaType.MULTIPART_FORM_DATA)) {
                both = Math.max(both, type.getQualityValue());
            }
        }
        if (both > 0 && both > json && both >= png) {
            return Answer.BOTH;
        }
        return png > 0 && png > json ? Answer.PNG : Answer.JSON;
    }

    /** The multipart form, for the OpenAPI description. */
    @Schema(name = "FrameUpload")
    record FrameUpload(
            @Schema(type = "string", format = "binary", description = "the frame file")
            String frame) {}
}

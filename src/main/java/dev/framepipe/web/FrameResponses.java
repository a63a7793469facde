package dev.framepipe.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.ProblemDetail;

/** The documented answers of the frame operations, shared by both request forms. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponses({
    @ApiResponse(
            responseCode = "200",
            description = "The report (JSON), the annotated frame (PNG), or both (multipart)",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            name = "Server-Timing",
                            description = "Milliseconds per stage: decode, detect, size, classify, aggregate, total",
                            schema =
                                    @Schema(
                                            type = "string",
                                            example = "decode;dur=7.322, detect;dur=4.307, total;dur=24.577")),
            content = {
                @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = dev.framepipe.pipeline.FrameReport.class)),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                @Content(
                        mediaType = "multipart/form-data",
                        schema = @Schema(description = "parts 'report' (application/json) and 'annotated' (image/png)"))
            }),
    @ApiResponse(
            responseCode = "400",
            description =
                    "Malformed request: empty body, bad or missing width/height, "
                            + "length not width x height, bad stream name, stream limit reached, missing or repeated 'frame' part",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"type\":\"https://framepipe.dev/problems/invalid-frame-geometry\","
                                                            + "\"title\":\"Invalid frame geometry\",\"status\":400,"
                                                            + "\"detail\":\"expected 307200 bytes for 640x480, got 307199\"}"))),
    @ApiResponse(
            responseCode = "406",
            description = "Accept is none of JSON, PNG and multipart/form-data",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class))),
    @ApiResponse(
            responseCode = "413",
            description = "Body or declared dimensions over the limits, or the frame alone "
                    + "needs more memory than the budget",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"type\":\"https://framepipe.dev/problems/frame-too-large\","
                                                            + "\"title\":\"Frame too large\",\"status\":413,"
                                                            + "\"detail\":\"frame is 100000x100000 pixels; the limit is 8192x8192 and 16777216 pixels\"}"))),
    @ApiResponse(
            responseCode = "415",
            description = "Unsupported media type",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class))),
    @ApiResponse(
            responseCode = "422",
            description = "The bytes are not a decodable image of the declared type",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"type\":\"https://framepipe.dev/problems/undecodable-frame\","
                                                            + "\"title\":\"Undecodable frame\",\"status\":422,\"detail\":\"body is not a PNG image\"}"))),
    @ApiResponse(
            responseCode = "500",
            description = "A stage failed (named in the problem's 'stage'); no partial result allowed",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class))),
    @ApiResponse(
            responseCode = "408",
            description = "The body did not arrive within framepipe.intake's bound " + "(grace + length / min-rate)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class))),
    @ApiResponse(
            responseCode = "503",
            description = "Saturated (no room in flight, in the memory budget or for the work "
                    + "before the deadline) or not ready; see Retry-After",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            name = "Retry-After",
                            description = "seconds",
                            schema = @Schema(type = "integer", minimum = "1", example = "1")),
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class))),
    @ApiResponse(
            responseCode = "504",
            description = "The frame's deadline passed before it was analysed",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
})
@interface FrameResponses {}

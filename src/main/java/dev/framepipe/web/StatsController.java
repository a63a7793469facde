package dev.framepipe.web;

import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StatsSnapshot;
import dev.framepipe.stats.StreamStatistics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/stats}: running statistics overall and per stream. */
@RestController
@RequestMapping(path = "/api/v1/stats", produces = "application/json")
@Tag(name = "stats", description = "Running statistics: frames, objects per class, sizes, FPS, stage latency")
class StatsController {

    private final Aggregator aggregator;
    private final OperatorToken operatorToken;

    StatsController(Aggregator aggregator, OperatorToken operatorToken) {
        this.aggregator = aggregator;
        this.operatorToken = operatorToken;
    }

    @Operation(summary = "Statistics overall and for every stream")
    @GetMapping
    StatsSnapshot all() {
        return aggregator.snapshot();
    }

    @Operation(summary = "Statistics of one stream")
    @ApiResponse(responseCode = "200", description = "The stream's statistics")
    @ApiResponse(
            responseCode = "404",
            description = "No statistics are kept for this stream",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping("/{stream}")
    StreamStatistics one(@Parameter(description = "Stream name", example = "cam-1") @PathVariable String stream) {
        return aggregator
                .snapshot(stream)
                .orElseThrow(() -> new UnknownStream("no statistics for stream '" + stream + "'"));
    }

    @Operation(
            summary = "Reset (forget) one stream's statistics",
            description =
                    "Needs `Authorization: Bearer <token>` with `framepipe.security.operator-token` "
                            + "(alias `framepipe.stats.reset-token`); "
                            + "without a configured token resetting is disabled. The overall statistics keep the stream's frames.")
    @ApiResponse(responseCode = "204", description = "Reset")
    @ApiResponse(
            responseCode = "403",
            description = "Resetting disabled, or the token is missing or wrong",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "No statistics are kept for this stream",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @SecurityRequirement(name = WebConfiguration.OPERATOR_TOKEN)
    // Its answers are 204 or a problem: a generated client asks for application/problem+json only.
    @DeleteMapping(
            path = "/{stream}",
            produces = {"application/json", "application/problem+json"})
    ResponseEntity<Void> reset(
            @PathVariable String stream,
            // Declared as the operation's bearer security instead: OpenAPI ignores an Authorization parameter.
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization) {
        operatorToken.check(authorization, "resetting statistics");
        if (!aggregator.reset(stream)) {
            throw new UnknownStream("no statistics for stream '" + stream + "'");
        }
        return ResponseEntity.noContent().build();
    }
}

package dev.framepipe.web;

import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.ModelIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/classifier}: the active classifier model, and replacing it without a restart. */
@RestController
@RequestMapping(path = "/api/v1/classifier", produces = "application/json")
@Tag(name = "classifier", description = "The classifier's active model; replacing an ONNX model at run time")
class ClassifierController {

    /** Largest model accepted by {@code PUT /model}; the shipped one is about 160 KB. */
    static final int MAX_MODEL_BYTES = 64 * 1024 * 1024;

    private final Classifier classifier;
    private final OperatorToken operatorToken;

    ClassifierController(Classifier classifier, OperatorToken operatorToken) {
        this.classifier = classifier;
        this.operatorToken = operatorToken;
    }

    @Operation(summary = "The active model: kind, name, version, sha256, labels, loaded at")
    @GetMapping
    ModelIdentity active() {
        return classifier.model();
    }

    @Operation(
            summary = "Replace the ONNX model",
            description =
                    "The body is the model file (ONNX). It is loaded, validated (input and output shapes, labels, "
                            + "one test inference) and warmed up, then swapped in atomically: frames in flight finish on the old "
                            + "model. It is stored in `framepipe.classifier.model-dir` and loaded after a restart. Needs "
                            + "`Authorization: Bearer <token>` with `framepipe.security.operator-token`.")
    @ApiResponse(responseCode = "200", description = "The new active model")
    @ApiResponse(
            responseCode = "403",
            description = "No operator token configured, or the token is missing or wrong",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The configured classifier kind has no replaceable model",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "The model is larger than 64 MB",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "422",
            description = "The model was rejected; the old one keeps serving",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @SecurityRequirement(name = WebConfiguration.OPERATOR_TOKEN)
    @PutMapping(path = "/model", consumes = "*/*")
    // The token is declared as the operation's bearer security instead: OpenAPI ignores an Authorization parameter.
    ModelIdentity replace(
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            HttpServletRequest request)
            throws IOException {
        operatorToken.check(authorization, "replacing the classifier model");
        if (request.getContentLengthLong() > MAX_MODEL_BYTES) {
            throw new ModelTooLarge("the model is larger than " + MAX_MODEL_BYTES / (1024 * 1024) + " MB");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_MODEL_BYTES + 1);
        }
        if (bytes.length > MAX_MODEL_BYTES) {
            throw new ModelTooLarge("the model is larger than " + MAX_MODEL_BYTES / (1024 * 1024) + " MB");
        }
        return classifier.replaceModel(bytes);
    }
}

package dev.framepipe.classification;

import java.time.Instant;
import java.util.List;

/**
 * Which model a classifier decides with: shown by {@code GET /api/v1/classifier}, in
 * {@code /actuator/info} and in every frame report.
 *
 * @param kind     {@code rules}, {@code prototypes} or {@code onnx}
 * @param name     the model's name ({@code framepipe.model.name} metadata of an ONNX model, else its graph name;
 *                 {@code rules} for the embedded rule set)
 * @param version  the model's version ({@code framepipe.model.version} metadata, else the ONNX model version)
 * @param sha256   hex SHA-256 of the model file's bytes, or {@code null} for the embedded rule set
 * @param labels   the class labels in output order
 * @param loadedAt when this model was loaded (UTC)
 */
public record ModelIdentity(
        String kind, String name, String version, String sha256, List<String> labels, Instant loadedAt) {

    public ModelIdentity {
        labels = List.copyOf(labels);
    }
}

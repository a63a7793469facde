package dev.framepipe.classification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

/**
 * Classifier settings ({@code framepipe.classifier.*}). Every default is written once, in the
 * {@link DefaultValue} annotations below; {@link #defaults()} binds them outside Spring.
 *
 * @param kind                        which classifier decides: the embedded {@code rules}, a JSON {@code prototypes}
 *                                    model, or a learned {@code onnx} model run by ONNX Runtime
 * @param modelPath                   the model loaded once at start-up, a file path or {@code classpath:...}; for
 *                                    {@code prototypes} required (e.g. {@code classpath:models/prototypes.json}), for
 *                                    {@code onnx} unset loads the model shipped in the jar
 *                                    ({@value OnnxClassifier#DEFAULT_MODEL})
 * @param modelDir                    {@code onnx} only: directory where a model accepted by
 *                                    {@code PUT /api/v1/classifier/model} is written; when it holds one, that model is
 *                                    loaded at start-up instead of {@code modelPath}. Unset: swapped models are kept in
 *                                    memory only
 * @param intraOpThreads              {@code onnx} only: ONNX Runtime's intra-op threads per inference; 1 keeps the
 *                                    classifier on the request thread's core while the size estimator runs beside it
 * @param maxBatch                    {@code onnx} only: at most this many object crops per inference; a frame with
 *                                    more objects takes several runs. 64, not 512: 511 crops of a noise frame
 *                                    took 12 to 22 ms in runs of 64 against 21 to 40 ms in one run (the first
 *                                    runs on a new session 55 to 81 ms against 220 to 385 ms), and a run is the
 *                                    one stretch of classifying without a {@code WorkCheckpoint}
 * @param input                       {@code onnx} only: the input spec used when the model's metadata lacks it
 * @param labels                      {@code onnx} only: class labels in output order, used when the model's metadata
 *                                    lacks {@code framepipe.labels}
 * @param elongatedMinElongation      rules: a shape at least this elongated (major / minor moment axis) is {@code elongated}
 * @param irregularMinConcavityDepth  rules: otherwise, a mean gap to the hull deeper than this (pixels) together with a
 *                                    solidity below {@code irregularMaxSolidity} is {@code irregular}
 * @param irregularMaxSolidity        rules: see {@code irregularMinConcavityDepth}
 * @param irregularSolidityFloor      rules: a solidity below this is {@code irregular} whatever the depth
 * @param roundMinHullCircularity     rules: otherwise, a hull circularity at least this is {@code round}
 * @param rectangularMinRectangularity rules: otherwise, a rectangularity (hull / enclosing rectangle) at least this is
 *                                    {@code rectangular}; anything left is {@code irregular}
 */
@Validated
@ConfigurationProperties("framepipe.classifier")
public record ClassifierProperties(
        @DefaultValue("onnx") @NotNull Implementation kind,
        String modelPath,
        Path modelDir,
        @DefaultValue("1") @Positive int intraOpThreads,
        @DefaultValue("64") @Positive int maxBatch,
        @DefaultValue @Valid @NotNull Input input,

        @DefaultValue("round,elongated,rectangular,irregular") @NotNull
        List<String> labels,

        @DefaultValue("2.2") @DecimalMin("1.0") double elongatedMinElongation,
        @DefaultValue("0.65") @Positive double irregularMinConcavityDepth,

        @DefaultValue("0.93") @DecimalMin("0.0") @DecimalMax("1.0")
        double irregularMaxSolidity,

        @DefaultValue("0.75") @DecimalMin("0.0") @DecimalMax("1.0")
        double irregularSolidityFloor,

        @DefaultValue("0.93") @DecimalMin("0.0") @DecimalMax("1.0")
        double roundMinHullCircularity,

        @DefaultValue("0.9") @DecimalMin("0.0") @DecimalMax("1.0")
        double rectangularMinRectangularity) {

    /** The classifier implementations; {@code kind} names the one that decides. */
    public enum Implementation {
        /** The embedded rule set over shape features ({@code RuleClassifier}). */
        RULES,
        /** Nearest prototype over shape features, from a JSON model ({@code PrototypeClassifier}). */
        PROTOTYPES,
        /** A learned model on object crops, run by ONNX Runtime ({@code OnnxClassifier}). */
        ONNX
    }

    /**
     * How an object becomes one input plane, when the model's metadata does not say
     * ({@code framepipe.input.*} keys, see {@code OnnxInputSpec}).
     *
     * @param size   side of the square crop fed to the model, pixels
     * @param margin the crop extends the object's longer box side by this fraction on each side
     * @param mean   subtracted from each crop value (a value is the pixel's contrast to the background / 255,
     *               0 outside the object)
     * @param std    then divided by this
     */
    public record Input(
            @DefaultValue("32") @Positive int size,
            @DefaultValue("0.15") @DecimalMin("0.0") double margin,
            @DefaultValue("0.0") double mean,
            @DefaultValue("1.0") @Positive double std) {}

    /** Every setting at its default, bound from the annotations above; for use outside Spring. */
    public static ClassifierProperties defaults() {
        return bind(Map.of());
    }

    /** The defaults with the given {@code framepipe.classifier.*} settings (relaxed names, e.g. {@code kind}). */
    public static ClassifierProperties of(Map<String, String> settings) {
        return bind(settings);
    }

    /** The defaults, with the embedded rule set deciding. */
    public static ClassifierProperties rules() {
        return of(Map.of("kind", "rules"));
    }

    /** The defaults, classifying with the prototype model at {@code modelPath}. */
    public static ClassifierProperties withModel(String modelPath) {
        return of(Map.of("kind", "prototypes", "model-path", modelPath));
    }

    private static ClassifierProperties bind(Map<String, String> settings) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        settings.forEach((k, v) -> prefixed.put("framepipe.classifier." + k, v));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("framepipe.classifier", Bindable.of(ClassifierProperties.class));
    }
}

package dev.framepipe.classification;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Classifier settings ({@code framepipe.classifier.*}). Without a model path the embedded rule
 * set decides, with the thresholds below (tuned on the synthetic generator's discs, ellipses,
 * rectangles, bars and lobed blobs, 12..400 px).
 *
 * @param modelPath                   prototype model (JSON) loaded once at start-up: a file path, or
 *                                    {@code classpath:models/prototypes.json} for the example shipped in the jar;
 *                                    unset uses the rules
 * @param elongatedMinElongation      a shape at least this elongated (major / minor moment axis) is {@code elongated}
 * @param irregularMinConcavityDepth  otherwise, a mean gap to the hull deeper than this (pixels) together with a
 *                                    solidity below {@code irregularMaxSolidity} is {@code irregular}
 * @param irregularMaxSolidity        see {@code irregularMinConcavityDepth}
 * @param irregularSolidityFloor      a solidity below this is {@code irregular} whatever the depth (small lobed shapes)
 * @param roundMinHullCircularity     otherwise, a hull circularity at least this is {@code round}
 * @param rectangularMinRectangularity otherwise, a rectangularity (hull / enclosing rectangle) at least this is
 *                                    {@code rectangular}; anything left is {@code irregular}
 */
@Validated
@ConfigurationProperties("framepipe.classifier")
public record ClassifierProperties(
        String modelPath,
        @DefaultValue("2.2") @DecimalMin("1.0") double elongatedMinElongation,
        @DefaultValue("0.65") @Positive double irregularMinConcavityDepth,
        @DefaultValue("0.93") @DecimalMin("0.0") @DecimalMax("1.0") double irregularMaxSolidity,
        @DefaultValue("0.75") @DecimalMin("0.0") @DecimalMax("1.0") double irregularSolidityFloor,
        @DefaultValue("0.93") @DecimalMin("0.0") @DecimalMax("1.0") double roundMinHullCircularity,
        @DefaultValue("0.9") @DecimalMin("0.0") @DecimalMax("1.0") double rectangularMinRectangularity) {

    /** The embedded rule set with its default thresholds, for use outside Spring. */
    public static ClassifierProperties defaults() {
        return new ClassifierProperties(null, 2.2, 0.65, 0.93, 0.75, 0.93, 0.9);
    }

    /** The defaults, but classifying with the prototype model at {@code modelPath}. */
    public static ClassifierProperties withModel(String modelPath) {
        ClassifierProperties d = defaults();
        return new ClassifierProperties(modelPath, d.elongatedMinElongation(), d.irregularMinConcavityDepth(),
                d.irregularMaxSolidity(), d.irregularSolidityFloor(), d.roundMinHullCircularity(), d.rectangularMinRectangularity());
    }
}

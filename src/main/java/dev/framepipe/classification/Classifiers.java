package dev.framepipe.classification;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Creates the classifier outside Spring (tests, benchmarks, command-line tools). */
public final class Classifiers {

    private Classifiers() {}

    /** {@link #create(ClassifierProperties, MeterRegistry)} with meters kept in a private registry. */
    public static Classifier create(ClassifierProperties properties) {
        return create(properties, new SimpleMeterRegistry());
    }

    /**
     * The classifier of {@code properties.kind()}: the embedded rule set (labels {@code round,
     * elongated, rectangular, irregular}; {@code initialise()} does nothing), the prototype model at
     * {@code modelPath}, or the ONNX model ({@code modelPath}, or the one shipped in the jar). Models are
     * loaded by {@link Classifier#initialise()}, which must be called before the first frame.
     *
     * @param registry where a learned classifier registers its model-load meters
     * @return a thread-safe classifier
     * @throws IllegalArgumentException when {@code prototypes} is chosen without a model path
     */
    public static Classifier create(ClassifierProperties properties, MeterRegistry registry) {
        return switch (properties.kind()) {
            case RULES -> new RuleClassifier(properties);
            case PROTOTYPES -> {
                String modelPath = properties.modelPath();
                if (modelPath == null || modelPath.isBlank()) {
                    throw new IllegalArgumentException(
                            "framepipe.classifier.kind=prototypes needs framepipe.classifier.model-path");
                }
                yield new PrototypeClassifier(modelPath);
            }
            case ONNX -> new OnnxClassifier(properties, registry);
        };
    }
}

package dev.framepipe.classification;

/** Creates the classifier outside Spring (tests, benchmarks, command-line tools). */
public final class Classifiers {

    private Classifiers() {
    }

    /**
     * The prototype-model classifier when {@code modelPath} is set (the model is loaded by
     * {@link Classifier#initialise()}, which must be called before the first frame), otherwise the
     * embedded rule set with the given thresholds (labels {@code round, elongated, rectangular,
     * irregular}; {@code initialise()} does nothing).
     *
     * @return a thread-safe classifier
     */
    public static Classifier create(ClassifierProperties properties) {
        String modelPath = properties.modelPath();
        if (modelPath != null && !modelPath.isBlank()) {
            return new PrototypeClassifier(modelPath);
        }
        return new RuleClassifier(properties);
    }
}

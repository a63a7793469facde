package dev.framepipe.classification;

import dev.framepipe.testing.ClassifierContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The {@link ClassifierContract} on the rule set, the shipped prototype model and the shipped ONNX model. */
class ClassifierContractTests {

    private static Classifier initialised(ClassifierProperties properties) {
        Classifier classifier = Classifiers.create(properties);
        classifier.initialise();
        return classifier;
    }

    @Nested
    class Rules extends ClassifierContract {

        private final Classifier classifier = initialised(ClassifierProperties.rules());

        @Override
        protected Classifier classifier() {
            return classifier;
        }
    }

    @Nested
    class ShippedPrototypes extends ClassifierContract {

        private final Classifier classifier =
                initialised(ClassifierProperties.withModel("classpath:models/prototypes.json"));

        @Override
        protected Classifier classifier() {
            return classifier;
        }
    }

    /** The default ONNX model, {@code src/main/resources/models/shape-classifier.onnx}. */
    @Nested
    class ShippedOnnxModel extends ClassifierContract {

        private final Classifier classifier = initialised(ClassifierProperties.of(Map.of("kind", "onnx")));

        @Override
        protected Classifier classifier() {
            return classifier;
        }
    }
}

package dev.framepipe.classification;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the classifier stage from {@code framepipe.classifier.*}. The pipeline calls
 * {@link Classifier#initialise()} once at start-up, which loads the model when one is configured.
 */
@Configuration(proxyBeanMethods = false)
public class ClassificationConfiguration {

    @Bean
    Classifier classifier(ClassifierProperties properties, MeterRegistry registry) {
        return Classifiers.create(properties, registry);
    }
}

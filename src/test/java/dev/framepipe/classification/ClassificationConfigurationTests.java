package dev.framepipe.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ClassificationConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClassifierProperties.class)
    static class Properties {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ClassificationConfiguration.class)
            .withBean(
                    io.micrometer.core.instrument.MeterRegistry.class,
                    io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);

    @Test
    void usesTheShippedOnnxModelByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Classifier.class);
            assertThat(context.getBean(ClassifierProperties.class)).isEqualTo(ClassifierProperties.defaults());
            Classifier classifier = context.getBean(Classifier.class);
            classifier.initialise();
            assertThat(classifier.model().kind()).isEqualTo("onnx");
            assertThat(classifier.labels()).containsExactly("round", "elongated", "rectangular", "irregular");
        });
    }

    @Test
    void usesTheEmbeddedRulesWhenAskedTo() {
        runner.withPropertyValues("framepipe.classifier.kind=rules").run(context -> {
            assertThat(context.getBean(Classifier.class).model().kind()).isEqualTo("rules");
            assertThat(context.getBean(Classifier.class).labels())
                    .containsExactly("round", "elongated", "rectangular", "irregular");
        });
    }

    @Test
    void bindsThresholdsAndModelPath() {
        runner.withPropertyValues(
                        "framepipe.classifier.elongated-min-elongation=3",
                        "framepipe.classifier.kind=prototypes",
                        "framepipe.classifier.model-path=classpath:models/prototypes.json")
                .run(context -> {
                    ClassifierProperties properties = context.getBean(ClassifierProperties.class);
                    assertThat(properties.elongatedMinElongation()).isEqualTo(3);
                    assertThat(properties.modelPath()).isEqualTo("classpath:models/prototypes.json");
                    Classifier classifier = context.getBean(Classifier.class);
                    classifier.initialise();
                    assertThat(classifier.labels()).contains("round", "irregular");
                });
    }
}

package dev.framepipe.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ClassificationConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClassifierProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, ClassificationConfiguration.class);

    @Test
    void usesEmbeddedRulesByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Classifier.class);
            assertThat(context.getBean(ClassifierProperties.class)).isEqualTo(ClassifierProperties.defaults());
            assertThat(context.getBean(Classifier.class).labels())
                    .containsExactly("round", "elongated", "rectangular", "irregular");
        });
    }

    @Test
    void bindsThresholdsAndModelPath() {
        runner.withPropertyValues("framepipe.classifier.elongated-min-elongation=3",
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

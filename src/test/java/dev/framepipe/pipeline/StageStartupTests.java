package dev.framepipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framepipe.FramePipeApplication;
import dev.framepipe.classification.Classifier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The stages are initialised once at start-up; a stage that cannot start stops the start, naming it. */
class StageStartupTests {

    private static SpringApplicationBuilder app(String... properties) {
        return new SpringApplicationBuilder(FramePipeApplication.class)
                .properties(properties)
                .properties("server.port=0", "spring.main.banner-mode=off");
    }

    @Test
    void loadsThePrototypeModelOnceAtStartUpAndThenAcceptsFrames() {
        try (ConfigurableApplicationContext context = app(
                        "framepipe.classifier.kind=prototypes",
                        "framepipe.classifier.model-path=classpath:models/prototypes.json")
                .run()) {
            assertThat(context.getBean(FramePipeline.class).isAccepting()).isTrue();
            assertThat(context.getBean(StageInitializer.class).stageStates())
                    .containsOnlyKeys("detect", "size", "classify")
                    .doesNotContainValue(false);
            assertThat(context.getBean(Classifier.class).labels())
                    .contains("round", "elongated", "rectangular", "irregular");
        }
    }

    @Test
    void aStageThatFailsToInitialiseStopsTheStartWithAMessageNamingIt() {
        assertThatThrownBy(() -> app("framepipe.classifier.model-path=/nonexistent/model.json")
                        .run()
                        .close())
                .hasStackTraceContaining("/nonexistent/model.json");
        assertThatThrownBy(() -> app(
                                "framepipe.classifier.kind=prototypes",
                                "framepipe.classifier.model-path=/nonexistent/model.json")
                        .run()
                        .close())
                .hasStackTraceContaining("/nonexistent/model.json");
        assertThatThrownBy(() -> app("framepipe.classifier.model-path=/nonexistent/model.json")
                        .run()
                        .close())
                .hasStackTraceContaining("Stage 'classify' failed to initialise");
    }
}

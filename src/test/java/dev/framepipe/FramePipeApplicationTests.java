package dev.framepipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.Classifier;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.PipelineConfiguration;
import dev.framepipe.pipeline.PipelineProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@SpringBootTest
class FramePipeApplicationTests {

    @Autowired
    FramePipeline pipeline;

    @Autowired
    @Qualifier(PipelineConfiguration.STAGE_EXECUTOR)
    ThreadPoolTaskExecutor stageExecutor;

    @Autowired
    Classifier classifier;

    @Test
    void startsWithEmbeddedDefaultsAcceptingFramesOnABoundedStageExecutor() {
        assertThat(pipeline.isAccepting()).isTrue();
        assertThat(pipeline.properties().mode()).isEqualTo(PipelineProperties.Mode.AUTO);
        assertThat(classifier.model().kind()).isEqualTo("onnx");
        assertThat(stageExecutor.getThreadPoolExecutor().getQueue())
                .isInstanceOf(java.util.concurrent.LinkedBlockingQueue.class);
        assertThat(pipeline.properties().maxInFlight()).isEqualTo(64);
        assertThat(stageExecutor.getQueueCapacity()).isEqualTo(64);
        assertThat(stageExecutor.getMaxPoolSize())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
}

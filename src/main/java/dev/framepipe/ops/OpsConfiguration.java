package dev.framepipe.ops;

import dev.framepipe.classification.Classifier;
import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.PipelineConfiguration;
import dev.framepipe.pipeline.StageInitializer;
import dev.framepipe.stats.Aggregator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Actuator additions: the {@code pipeline} health indicator and endpoint, the classifier model in {@code info}. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    PipelineHealthIndicator pipelineHealthIndicator(
            FramePipeline pipeline,
            StageInitializer stages,
            @Qualifier(PipelineConfiguration.STAGE_EXECUTOR) ThreadPoolTaskExecutor executor) {
        return new PipelineHealthIndicator(pipeline, stages, executor);
    }

    @Bean
    ClassifierInfoContributor classifierInfoContributor(Classifier classifier) {
        return new ClassifierInfoContributor(classifier);
    }

    @Bean
    PipelineEndpoint pipelineEndpoint(Aggregator aggregator) {
        return new PipelineEndpoint(aggregator);
    }
}

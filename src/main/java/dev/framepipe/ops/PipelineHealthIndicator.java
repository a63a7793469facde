package dev.framepipe.ops;

import dev.framepipe.pipeline.FramePipeline;
import dev.framepipe.pipeline.StageInitializer;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The pipeline's own health, part of the readiness group: UP when every stage is initialised,
 * the pipeline accepts frames and the stage executor's queue is not full; OUT_OF_SERVICE
 * otherwise, so a load balancer stops sending frames to a replica that would refuse them. The
 * details include the admission bounds: memory budget and reserved bytes, work backlog and
 * refusals by cause. A full budget does not make the replica unready: it refuses the excess
 * at once and keeps finishing what it admitted.
 */
class PipelineHealthIndicator implements HealthIndicator {

    private final FramePipeline pipeline;
    private final StageInitializer stages;
    private final ThreadPoolTaskExecutor executor;

    PipelineHealthIndicator(FramePipeline pipeline, StageInitializer stages, ThreadPoolTaskExecutor executor) {
        this.pipeline = pipeline;
        this.stages = stages;
        this.executor = executor;
    }

    @Override
    public Health health() {
        boolean initialised = !stages.stageStates().containsValue(false);
        ThreadPoolExecutor pool = executor.getThreadPoolExecutor();
        int queued = pool.getQueue().size();
        int capacity = queued + pool.getQueue().remainingCapacity();
        boolean saturated = queued >= capacity;
        Health.Builder health =
                initialised && pipeline.isAccepting() && !saturated ? Health.up() : Health.outOfService();
        return health.withDetail("stages", stages.stageStates())
                .withDetail("initialisationMillis", stages.initialisationMillis())
                .withDetail("accepting", pipeline.isAccepting())
                .withDetail("mode", pipeline.properties().mode().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("inFlight", pipeline.inFlight())
                .withDetail("maxInFlight", pipeline.properties().maxInFlight())
                .withDetail("executorActive", pool.getActiveCount())
                .withDetail("executorQueued", queued)
                .withDetail("executorQueueCapacity", capacity)
                .withDetail("admission", pipeline.admission().details())
                .build();
    }
}

package dev.framepipe.ops;

import dev.framepipe.stats.Aggregator;
import dev.framepipe.stats.StatsSnapshot;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/pipeline}: the aggregated statistics and FPS, overall and per stream. */
@Endpoint(id = "pipeline")
class PipelineEndpoint {

    private final Aggregator aggregator;

    PipelineEndpoint(Aggregator aggregator) {
        this.aggregator = aggregator;
    }

    @ReadOperation
    StatsSnapshot pipeline() {
        return aggregator.snapshot();
    }
}

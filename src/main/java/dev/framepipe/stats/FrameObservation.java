package dev.framepipe.stats;

import java.util.List;
import java.util.Map;

/**
 * What the aggregator learns from one analysed frame.
 *
 * @param outcome     {@link Outcome#OK} or {@link Outcome#PARTIAL}
 * @param stageMicros time spent in each stage so far, in microseconds, by stage name
 * @param objects     the frame's objects
 */
public record FrameObservation(Outcome outcome, Map<String, Long> stageMicros, List<ObjectObservation> objects) {

    public FrameObservation {
        stageMicros = Map.copyOf(stageMicros);
        objects = List.copyOf(objects);
    }

    /**
     * One object.
     *
     * @param label              its class, or {@code null} when classification failed
     * @param equivalentDiameter its equivalent circular diameter in pixels, or {@code NaN} when sizing failed
     */
    public record ObjectObservation(String label, double equivalentDiameter) {}
}

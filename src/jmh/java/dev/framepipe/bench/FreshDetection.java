package dev.framepipe.bench;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Runs;
import java.util.List;

/**
 * A copy of a detection whose objects have not yet memoised their hulls, for benchmarks that call the
 * size estimator or the classifier once per invocation: the hull is then computed inside the
 * measurement, once per frame as in the pipeline.
 */
final class FreshDetection {

    private FreshDetection() {}

    /** Everything of {@code detected} (holes included), with new run arrays and so no memoised hull. */
    static Detection of(Detection detected) {
        List<DetectedObject> objects = detected.objects().stream()
                .map(o -> new DetectedObject(
                        o.id(),
                        o.box(),
                        o.moments(),
                        o.perimeter(),
                        o.touchesBorder(),
                        o.intensitySum(),
                        new Runs(o.runs().triples()),
                        o.holes(),
                        o.holeArea()))
                .toList();
        return new Detection(
                detected.frameWidth(),
                detected.frameHeight(),
                detected.threshold(),
                detected.polarity(),
                detected.backgroundMean(),
                objects,
                detected.truncated());
    }
}

package dev.framepipe.pipeline;

import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.classification.ShapeFeatures;
import dev.framepipe.detection.Box;
import dev.framepipe.geometry.Point;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.stats.Outcome;
import java.util.List;
import java.util.Map;

/**
 * The answer for one frame.
 *
 * @param frameId        unique id of this analysis
 * @param stream         the stream the frame was counted under
 * @param width          frame width in pixels
 * @param height         frame height in pixels
 * @param outcome        {@code ok}, or {@code partial} when one middle stage failed (see {@code failures})
 * @param threshold      the global luminance level (Otsu's or the fixed one)
 * @param polarity       {@code BRIGHT} or {@code DARK}, the side of the threshold the objects are on
 * @param objectCount    number of objects reported
 * @param truncated      whether the detector's maximum object count cut the list short
 * @param countsByClass  objects per class label
 * @param objects        the objects
 * @param timingsMicros  microseconds spent in each stage, and {@code total}
 * @param failures       the stages that failed, empty when {@code outcome} is {@code ok}
 * @param thresholdMethod {@code OTSU}, {@code FIXED} or {@code LOCAL}
 * @param polarityRule   what decided the polarity: {@code CONFIGURED}, {@code BORDER} (the class owning the
 *                       frame's border is the background) or {@code MINORITY} (ambiguous border)
 * @param detector       the detector options in effect, by their query-parameter names
 * @param model          the one classifier model that classified this frame's objects (also when a model was
 *                       swapped in meanwhile), or {@code null} when the classifier failed
 */
public record FrameReport(
        String frameId,
        String stream,
        int width,
        int height,
        Outcome outcome,
        int threshold,
        String polarity,
        int objectCount,
        boolean truncated,
        Map<String, Integer> countsByClass,
        List<ObjectReport> objects,
        Map<String, Long> timingsMicros,
        List<StageFailure> failures,
        String thresholdMethod,
        String polarityRule,
        Map<String, String> detector,

        ModelIdentity model) {

    public FrameReport {
        detector = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detector));
        countsByClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(countsByClass));
        objects = List.copyOf(objects);
        timingsMicros = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMicros));
        failures = List.copyOf(failures);
    }

    /**
     * One object of the report.
     *
     * @param id            id within the frame
     * @param box           bounding box in pixels
     * @param centroid      centre of mass in pixels
     * @param area          pixels
     * @param perimeter     pixels
     * @param touchesBorder whether the object touches the frame's border (its size may be cut)
     * @param size          measurements, or {@code null} when the size estimator failed
     * @param label         class, or {@code null} when the classifier failed
     * @param confidence    confidence of the class in [0, 1], or {@code null}
     * @param features      the classifier's features, or {@code null}
     * @param holes         number of holes in the object (filled for measuring with {@code fill-holes})
     * @param holeArea      pixels in the object's holes
     */
    public record ObjectReport(
            int id,
            Box box,
            Point centroid,
            long area,
            double perimeter,
            boolean touchesBorder,
            ObjectSize size,
            String label,
            Double confidence,
            ShapeFeatures features,
            int holes,
            long holeArea) {

        /** An object without holes. */
        public ObjectReport(
                int id,
                Box box,
                Point centroid,
                long area,
                double perimeter,
                boolean touchesBorder,
                ObjectSize size,
                String label,
                Double confidence,
                ShapeFeatures features) {
            this(id, box, centroid, area, perimeter, touchesBorder, size, label, confidence, features, 0, 0);
        }
    }
}

package dev.framepipe.classification;

import dev.framepipe.detection.Detection;
import dev.framepipe.sizing.RasterShapes;
import java.util.List;

/** Classifies hand-rasterised detections on the frame they were painted from ({@link RasterShapes#frame}). */
final class Painted {

    private Painted() {}

    static List<Classification> classify(Classifier classifier, Detection detection) {
        return classifier.classify(RasterShapes.frame(detection), detection).objects();
    }
}

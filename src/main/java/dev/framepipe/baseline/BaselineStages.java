package dev.framepipe.baseline;

import dev.framepipe.classification.Classifier;
import dev.framepipe.detection.Detector;
import dev.framepipe.sizing.SizeEstimator;

/**
 * Creates the baseline stages outside Spring (tests, benchmarks). In the application they are the
 * {@code baseline} profile's beans from {@link BaselineConfiguration}.
 */
public final class BaselineStages {

    private BaselineStages() {}

    /** The detector that ignores the frame and returns the 50 baseline objects. Thread-safe. */
    public static Detector detector() {
        return new BaselineDetector();
    }

    /** The baseline size estimator, appending each frame's (max, min) to {@code extremes}. Thread-safe. */
    public static SizeEstimator sizeEstimator(BaselineExtremes extremes) {
        return new BaselineSizeEstimator(extremes);
    }

    /** The baseline classifier. Thread-safe. */
    public static Classifier classifier() {
        return new BaselineClassifier();
    }
}

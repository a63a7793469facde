package dev.framepipe.baseline;

import dev.framepipe.classification.Classifier;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.frame.Frame;
import dev.framepipe.sizing.SizeEstimator;
import dev.framepipe.testing.ClassifierContract;
import dev.framepipe.testing.DetectorContract;
import dev.framepipe.testing.SizeEstimatorContract;
import org.junit.jupiter.api.Nested;

/** The stage contracts on the baseline (Python controller) stages. */
class BaselineStagesContractTests {

    /** Declares the contract's one exception: the baseline detector returns its 50 objects for every frame. */
    @Nested
    class BaselineDetectorContract extends DetectorContract {

        private final Detector detector = BaselineStages.detector();

        @Override
        protected Detection detect(Frame frame) {
            return detector.detect(frame);
        }

        @Override
        protected boolean ignoresThePixels() {
            return true;
        }
    }

    @Nested
    class BaselineSizeEstimatorContract extends SizeEstimatorContract {

        private final SizeEstimator estimator = BaselineStages.sizeEstimator(new BaselineExtremes(16));

        @Override
        protected SizeEstimator estimator() {
            return estimator;
        }
    }

    @Nested
    class BaselineClassifierContract extends ClassifierContract {

        private final Classifier classifier = BaselineStages.classifier();

        @Override
        protected Classifier classifier() {
            return classifier;
        }
    }
}

package dev.framepipe.sizing;

import dev.framepipe.testing.SizeEstimatorContract;
import org.junit.jupiter.api.Nested;

/** The {@link SizeEstimatorContract} on the moment size estimator, uncalibrated and calibrated. */
class MomentSizeEstimatorContractTests {

    @Nested
    class Uncalibrated extends SizeEstimatorContract {

        private final SizeEstimator estimator = SizeEstimators.create(SizingProperties.uncalibrated());

        @Override
        protected SizeEstimator estimator() {
            return estimator;
        }
    }

    @Nested
    class InMillimetres extends SizeEstimatorContract {

        private final SizeEstimator estimator = SizeEstimators.create(new SizingProperties(0.05));

        @Override
        protected SizeEstimator estimator() {
            return estimator;
        }
    }
}

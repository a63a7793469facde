package dev.framepipe.detection;

import dev.framepipe.frame.Frame;
import dev.framepipe.testing.DetectorContract;
import org.junit.jupiter.api.Nested;

/** The {@link DetectorContract} on the segmentation detector, with its defaults and with other options. */
class SegmentationDetectorContractTests {

    @Nested
    class WithDefaults extends DetectorContract {

        private final Detector detector = Detectors.create(DetectorProperties.defaults());

        @Override
        protected Detection detect(Frame frame) {
            return detector.detect(frame);
        }
    }

    /** Configured settings: fixed level, bright objects, 4-connectivity, holes kept, every object kept. */
    @Nested
    class WithFixedThresholdSettings extends DetectorContract {

        private final Detector detector = Detectors.create(new DetectorProperties(
                ThresholdMethod.FIXED,
                100,
                151,
                Polarity.BRIGHT,
                4,
                false,
                Split.NONE,
                new DiameterRange(10, 200),
                1,
                0,
                false,
                10_000,
                262_144));

        @Override
        protected Detection detect(Frame frame) {
            return detector.detect(frame);
        }
    }

    /** Per-frame options (a stream's or a request's): local threshold, touching objects split, border dropped. */
    @Nested
    class WithLocalThresholdAndSplitOptions extends DetectorContract {

        private final Detector detector = Detectors.create(DetectorProperties.defaults());
        private final DetectorOptions options = new DetectorOptions(
                ThresholdMethod.LOCAL,
                128,
                31,
                Polarity.AUTO,
                8,
                true,
                Split.TOUCHING,
                new DiameterRange(8, 30),
                4,
                0,
                true);

        @Override
        protected Detection detect(Frame frame) {
            return detector.detect(frame, options);
        }
    }
}

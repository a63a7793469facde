package dev.framepipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link SizeEstimator} contract, written once, on the default detector's output on generated scenes
 * ({@link StageInputs}); each implementation has a small subclass.
 *
 * <ul>
 * <li>One size per object, in the detection's object order.</li>
 * <li>The same detection gives the same sizes.</li>
 * <li>The detection of an empty frame gives no sizes.</li>
 * <li>Concurrent calls give the same sizes as sequential calls.</li>
 * </ul>
 *
 * <p>"The input is not modified" is not claimed: a {@link Detection} is a record of a copied list of records,
 * whose {@code Runs} copy their array in and out, so no estimator can modify it.
 */
public abstract class SizeEstimatorContract {

    /** The estimator under test, ready for its first frame. */
    protected abstract SizeEstimator estimator();

    @Test
    public void givesOneSizePerObjectInTheDetectionsOrder() {
        for (StageInputs.Analysed input : StageInputs.Analysed.scenes()) {
            List<ObjectSize> sizes = estimator().estimate(input.detection());
            assertThat(sizes)
                    .extracting(ObjectSize::objectId)
                    .isNotEmpty()
                    .isEqualTo(input.detection().objects().stream()
                            .map(DetectedObject::id)
                            .toList());
        }
    }

    @Test
    public void sameDetectionGivesTheSameSizes() {
        for (StageInputs.Analysed input : StageInputs.Analysed.scenes()) {
            List<ObjectSize> first = estimator().estimate(input.detection());
            assertThat(estimator().estimate(input.detection())).isEqualTo(first);
        }
    }

    @Test
    public void emptyFrameGivesNoSizes() {
        for (StageInputs.Analysed input : StageInputs.Analysed.empty()) {
            assertThat(estimator().estimate(input.detection())).isEmpty();
        }
    }

    @Test
    public void concurrentCallsGiveTheSameSizesAsSequentialOnes() throws Exception {
        List<Detection> detections = StageInputs.Analysed.scenes().stream()
                .map(StageInputs.Analysed::detection)
                .toList();
        SizeEstimator estimator = estimator();
        StageConcurrency.assertConcurrentCallsMatchSequentialOnes(detections, estimator::estimate);
    }
}

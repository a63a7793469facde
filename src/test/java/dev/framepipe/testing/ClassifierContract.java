package dev.framepipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.detection.DetectedObject;
import org.junit.jupiter.api.Test;

/**
 * The {@link Classifier} contract, written once, on generated scenes and the default detector's output on
 * them ({@link StageInputs}); each implementation has a small subclass.
 *
 * <ul>
 * <li>One classification per object, in the detection's object order, with a label from {@link Classifier#labels()}
 * and the classifier's current {@link Classifier#model()}.</li>
 * <li>The same frame and detection give the same classification.</li>
 * <li>An empty frame gives no classifications.</li>
 * <li>Concurrent calls give the same classifications as sequential calls.</li>
 * </ul>
 *
 * <p>"The input is not modified" is not claimed: the frame copies its pixels in and out and the detection is a
 * record of copied immutable values, so no classifier can modify either.
 */
public abstract class ClassifierContract {

    /** The classifier under test, initialised. */
    protected abstract Classifier classifier();

    @Test
    public void givesOneKnownLabelPerObjectInTheDetectionsOrderFromTheCurrentModel() {
        Classifier classifier = classifier();
        for (StageInputs.Analysed input : StageInputs.Analysed.scenes()) {
            FrameClassification result = classifier.classify(input.frame(), input.detection());
            assertThat(result.model()).isEqualTo(classifier.model());
            assertThat(result.objects())
                    .extracting(Classification::objectId)
                    .isNotEmpty()
                    .isEqualTo(input.detection().objects().stream()
                            .map(DetectedObject::id)
                            .toList());
            assertThat(result.objects()).extracting(Classification::label).isSubsetOf(classifier.labels());
            assertThat(result.objects())
                    .extracting(Classification::confidence)
                    .allSatisfy(c -> assertThat(c).isBetween(0.0, 1.0));
        }
    }

    @Test
    public void sameFrameGivesTheSameClassification() {
        Classifier classifier = classifier();
        for (StageInputs.Analysed input : StageInputs.Analysed.scenes()) {
            FrameClassification first = classifier.classify(input.frame(), input.detection());
            assertThat(classifier.classify(input.frame(), input.detection())).isEqualTo(first);
        }
    }

    @Test
    public void emptyFrameGivesNoClassifications() {
        Classifier classifier = classifier();
        for (StageInputs.Analysed input : StageInputs.Analysed.empty()) {
            FrameClassification result = classifier.classify(input.frame(), input.detection());
            assertThat(result.objects()).isEmpty();
            assertThat(result.model()).isEqualTo(classifier.model());
        }
    }

    @Test
    public void concurrentCallsGiveTheSameClassificationsAsSequentialOnes() throws Exception {
        Classifier classifier = classifier();
        StageConcurrency.assertConcurrentCallsMatchSequentialOnes(
                StageInputs.Analysed.scenes(), input -> classifier.classify(input.frame(), input.detection()));
    }
}

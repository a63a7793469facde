package dev.framepipe.baseline;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.classification.FrameClassification;
import dev.framepipe.classification.ModelIdentity;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python controller's classifier: the object at {@code (x, y)} (its centroid) gets the class
 * {@link BaselineWorkload#classValue(long, long)} {@code % 4}, labelled {@code class-0} to
 * {@code class-3}, with confidence 1 and no shape features.
 */
final class BaselineClassifier implements Classifier {

    static final List<String> LABELS = List.of("class-0", "class-1", "class-2", "class-3");

    private static final ModelIdentity IDENTITY =
            new ModelIdentity("baseline", "baseline", "python-controller", null, LABELS, Instant.EPOCH);

    @Override
    public FrameClassification classify(Frame frame, Detection detection) {
        List<Classification> classes = new ArrayList<>(detection.objects().size());
        for (DetectedObject object : detection.objects()) {
            long value = BaselineWorkload.classValue(
                    (long) object.centroid().x(), (long) object.centroid().y());
            classes.add(new Classification(object.id(), LABELS.get((int) (value % 4)), 1.0, null));
        }
        return new FrameClassification(IDENTITY, classes);
    }

    @Override
    public ModelIdentity model() {
        return IDENTITY;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }
}

package dev.framepipe.baseline;

import dev.framepipe.classification.Classification;
import dev.framepipe.classification.Classifier;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python controller's classifier: the object at {@code (x, y)} (its centroid) gets the class
 * {@link BaselineWorkload#classValue(long, long)} {@code % 4}, labelled {@code class-0} to
 * {@code class-3}, with confidence 1 and no shape features.
 */
final class BaselineClassifier implements Classifier {

    static final List<String> LABELS = List.of("class-0", "class-1", "class-2", "class-3");

    @Override
    public List<Classification> classify(Detection detection) {
        List<Classification> classes = new ArrayList<>(detection.objects().size());
        for (DetectedObject object : detection.objects()) {
            long value = BaselineWorkload.classValue((long) object.centroidX(), (long) object.centroidY());
            classes.add(new Classification(object.id(), LABELS.get((int) (value % 4)), 1.0, null));
        }
        return classes;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }
}

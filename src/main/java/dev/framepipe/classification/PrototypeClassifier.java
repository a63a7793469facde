package dev.framepipe.classification;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Nearest-prototype classifier over {@link ShapeFeatures}; the model ({@link PrototypeModel}) is
 * read once, in {@link #initialise()}. Thread-safe: the model is immutable and published through a
 * volatile field.
 */
final class PrototypeClassifier implements Classifier {

    private final String location;
    private volatile PrototypeModel model;
    private volatile ModelIdentity identity;

    PrototypeClassifier(String location) {
        this.location = location;
    }

    /** @throws ClassifierModelNotLoaded naming the location when the model is missing or malformed */
    @Override
    public void initialise() {
        PrototypeModel loaded = PrototypeModel.load(location);
        identity =
                new ModelIdentity("prototypes", location, PrototypeModel.FORMAT, null, loaded.labels(), Instant.now());
        model = loaded;
    }

    /** Decides from the detection alone; the frame's pixels are not read. */
    @Override
    public FrameClassification classify(Frame frame, Detection detection) {
        PrototypeModel loaded = loaded();
        List<Classification> result = new ArrayList<>(detection.objects().size());
        for (DetectedObject object : detection.objects()) {
            result.add(loaded.classify(object.id(), FeatureExtractor.features(object, detection)));
        }
        return new FrameClassification(identity, result);
    }

    @Override
    public ModelIdentity model() {
        loaded();
        return identity;
    }

    /** The model's labels in file order. @throws IllegalStateException before {@link #initialise()} */
    @Override
    public List<String> labels() {
        return loaded().labels();
    }

    private PrototypeModel loaded() {
        PrototypeModel current = model;
        if (current == null) {
            throw new IllegalStateException("classifier model '" + location + "' not loaded: initialise() first");
        }
        return current;
    }
}

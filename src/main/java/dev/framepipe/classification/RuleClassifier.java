package dev.framepipe.classification;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded rule set: a fixed decision chain over {@link ShapeFeatures}.
 *
 * <ol>
 *   <li>{@code elongated} if elongation &ge; {@code elongatedMinElongation};</li>
 *   <li>else {@code irregular} if concavity depth &gt; {@code irregularMinConcavityDepth} and
 *       solidity &lt; {@code irregularMaxSolidity} (large convex shapes have staircase gaps of up
 *       to about 0.7 px but a high solidity; small ones a low solidity but shallow gaps), or
 *       solidity &lt; {@code irregularSolidityFloor};</li>
 *   <li>else {@code round} if hull circularity &ge; {@code roundMinHullCircularity};</li>
 *   <li>else {@code rectangular} if rectangularity &ge; {@code rectangularMinRectangularity};</li>
 *   <li>else {@code irregular} (convex, but neither disc- nor box-like: an oval, a triangle).</li>
 * </ol>
 *
 * <p>Confidence: every test on the path to the label has a margin, the distance of the feature
 * from its threshold divided by a fixed width ({@link #ELONGATION_WIDTH} and friends: the spread
 * of that feature within one class), signed positive when the test holds. An "and" of tests has
 * the smallest signed margin, an "or" the largest. The confidence is
 * {@code 0.5 + 0.5 min(1, m)} with {@code m} the smallest margin on the path: 0.5 on a decision
 * boundary, 1 one width or more away from every boundary that was tested.
 *
 * <p>Stateless, thread-safe.
 */
final class RuleClassifier implements Classifier {

    static final List<String> LABELS = List.of("round", "elongated", "rectangular", "irregular");

    static final double ELONGATION_WIDTH = 0.4;
    static final double CONCAVITY_WIDTH = 0.2;
    static final double SOLIDITY_WIDTH = 0.05;
    static final double HULL_CIRCULARITY_WIDTH = 0.05;
    static final double RECTANGULARITY_WIDTH = 0.05;

    private final ClassifierProperties rules;
    private final ModelIdentity identity;

    RuleClassifier(ClassifierProperties rules) {
        this.rules = rules;
        this.identity = new ModelIdentity("rules", "rules", "embedded", null, LABELS, Instant.now());
    }

    /** Decides from the detection alone; the frame's pixels are not read. */
    @Override
    public FrameClassification classify(Frame frame, Detection detection) {
        List<Classification> result = new ArrayList<>(detection.objects().size());
        for (DetectedObject object : detection.objects()) {
            result.add(classify(object.id(), FeatureExtractor.features(object, detection)));
        }
        return new FrameClassification(identity, result);
    }

    @Override
    public ModelIdentity model() {
        return identity;
    }

    Classification classify(int id, ShapeFeatures f) {
        double elongated = (f.elongation() - rules.elongatedMinElongation()) / ELONGATION_WIDTH;
        if (elongated >= 0) {
            return decided(id, "elongated", elongated, f);
        }
        double margin = -elongated;
        double deep = (f.concavityDepth() - rules.irregularMinConcavityDepth()) / CONCAVITY_WIDTH;
        double hollow = (rules.irregularMaxSolidity() - f.solidity()) / SOLIDITY_WIDTH;
        double veryHollow = (rules.irregularSolidityFloor() - f.solidity()) / SOLIDITY_WIDTH;
        double irregular = Math.max(Math.min(deep, hollow), veryHollow);
        if (irregular > 0) {
            return decided(id, "irregular", Math.min(margin, irregular), f);
        }
        margin = Math.min(margin, -irregular);
        double round = (f.hullCircularity() - rules.roundMinHullCircularity()) / HULL_CIRCULARITY_WIDTH;
        if (round >= 0) {
            return decided(id, "round", Math.min(margin, round), f);
        }
        margin = Math.min(margin, -round);
        double rectangular = (f.rectangularity() - rules.rectangularMinRectangularity()) / RECTANGULARITY_WIDTH;
        if (rectangular >= 0) {
            return decided(id, "rectangular", Math.min(margin, rectangular), f);
        }
        return decided(id, "irregular", Math.min(margin, -rectangular), f);
    }

    private static Classification decided(int id, String label, double margin, ShapeFeatures features) {
        return new Classification(id, label, 0.5 + 0.5 * Math.min(1, Math.max(0, margin)), features);
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }
}

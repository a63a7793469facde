package dev.framepipe.testing;

import dev.framepipe.frame.Frame;
import java.util.List;

/**
 * A generated frame and the ground truth of the objects painted on it, in painting order.
 *
 * @param frame the frame
 * @param truth one entry per painted object
 */
public record SyntheticScene(Frame frame, List<TruthObject> truth) {

    public SyntheticScene {
        truth = List.copyOf(truth);
    }
}

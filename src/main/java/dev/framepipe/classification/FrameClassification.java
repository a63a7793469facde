package dev.framepipe.classification;

import java.util.List;

/**
 * The classifier's answer for one frame: one classification per object, and the one model that
 * decided all of them (a model swapped in while the frame was being classified is not used for it).
 *
 * @param model   the model that classified every object of this frame
 * @param objects one classification per object, in the detection's object order
 */
public record FrameClassification(ModelIdentity model, List<Classification> objects) {

    public FrameClassification {
        objects = List.copyOf(objects);
    }
}

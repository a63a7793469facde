package dev.framepipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.frame.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link Detector} contract, written once; each implementation (and each set of options worth its own
 * code path) has a small subclass that says how to call it.
 *
 * <ul>
 * <li>The same frame gives the same detection.</li>
 * <li>An empty (uniform) frame gives no objects, with one declared exception (below).</li>
 * <li>Concurrent calls ({@value StageConcurrency#THREADS} threads over {@value StageInputs#SCENES} frames,
 * {@value StageConcurrency#ROUNDS} rounds) give the same detections as sequential calls.</li>
 * </ul>
 *
 * <p>"The input is not modified" is not claimed here: a {@link Frame} copies its pixels in and out and has no
 * mutator, so no detector can modify it and such a test could not fail.
 *
 * <p><b>Exception, decided:</b> the baseline detector ({@code BaselineStages.detector()}) ignores the pixels
 * and returns the Python controller's 50 synthetic objects for every frame, an empty one included. The stage
 * is kept as it is, because the baseline exists to run exactly the Python design's work; a subclass declares
 * this by overriding {@link #ignoresThePixels()}, and for it the claim becomes "an empty frame gives the same
 * objects as any other frame".
 */
public abstract class DetectorContract {

    /** Runs the detector under test on {@code frame}. */
    protected abstract Detection detect(Frame frame);

    /**
     * Whether the detector under test returns a fixed workload whatever the frame (the baseline's declared
     * exception to "an empty frame gives no objects"). Every detector that reads the pixels keeps the default.
     */
    protected boolean ignoresThePixels() {
        return false;
    }

    @Test
    public void sameFrameGivesTheSameDetection() {
        for (Frame frame : StageInputs.scenes()) {
            Detection first = detect(frame);
            assertThat(first.objects()).as("objects on %s", frame).isNotEmpty();
            assertThat(detect(frame)).isEqualTo(first);
        }
    }

    @Test
    public void emptyFrameGivesNoObjectsUnlessTheStageDeclaresItIgnoresThePixels() {
        List<Frame> scenes = StageInputs.scenes();
        for (Frame empty : StageInputs.emptyFrames()) {
            Detection detection = detect(empty);
            if (ignoresThePixels()) {
                assertThat(detection.objects())
                        .as("fixed workload on %s", empty)
                        .isNotEmpty()
                        .isEqualTo(detect(scenes.get(0)).objects());
            } else {
                assertThat(detection.objects()).as("objects on %s", empty).isEmpty();
            }
            assertThat(detection.frameWidth()).isEqualTo(empty.width());
            assertThat(detection.frameHeight()).isEqualTo(empty.height());
        }
    }

    @Test
    public void concurrentCallsGiveTheSameDetectionsAsSequentialOnes() throws Exception {
        StageConcurrency.assertConcurrentCallsMatchSequentialOnes(StageInputs.scenes(), this::detect);
    }
}

package dev.framepipe.baseline;

import dev.framepipe.detection.Box;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.Polarity;
import dev.framepipe.detection.Runs;
import dev.framepipe.frame.Frame;
import dev.framepipe.geometry.Moments;
import dev.framepipe.geometry.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Ignores the frame and returns the Python controller's 50 objects {@code [x, 100-x, x, x, x]}: object
 * {@code x} (id {@code x+1}) has its centroid and a one-pixel box at column {@code x}, row
 * {@code 100-x}, and area {@code x}; it has no runs. The detection is built once and shared.
 *
 * <p>So it breaks the {@link Detector} promise of no objects on an empty or uniform frame, on purpose: the
 * baseline exists to run exactly the Python design's work, which has 50 objects on every frame. The stage
 * contract test states this as its one exception.
 */
final class BaselineDetector implements Detector {

    private final List<DetectedObject> objects;

    BaselineDetector() {
        List<DetectedObject> list = new ArrayList<>(BaselineWorkload.OBJECTS);
        Runs none = new Runs(new int[0]);
        for (int x = 0; x < BaselineWorkload.OBJECTS; x++) {
            long[] tuple = BaselineWorkload.object(x);
            int column = (int) tuple[0];
            int row = (int) tuple[1];
            list.add(new DetectedObject(
                    x + 1,
                    new Box(column, row, 1, 1),
                    new Moments(tuple[4], new Point(column, row), 0, 0, 0),
                    0,
                    false,
                    0,
                    none));
        }
        this.objects = List.copyOf(list);
    }

    @Override
    public Detection detect(Frame frame) {
        return new Detection(frame.width(), frame.height(), 0, Polarity.BRIGHT, 0, objects, false);
    }
}

package dev.framepipe.baseline;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.sizing.ObjectSize;
import dev.framepipe.sizing.SizeEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python controller's size estimator: object {@code x} (its centroid column) gets size
 * {@link BaselineWorkload#size(long)}, reported as {@link ObjectSize#area()} (with the matching
 * equivalent diameter; the other lengths are 0). It then appends the frame's (max, min) size to the
 * {@link BaselineExtremes}, the Python aggregator's work, which needs nothing but the sizes.
 */
final class BaselineSizeEstimator implements SizeEstimator {

    private final BaselineExtremes extremes;

    BaselineSizeEstimator(BaselineExtremes extremes) {
        this.extremes = extremes;
    }

    @Override
    public List<ObjectSize> estimate(Detection detection) {
        List<ObjectSize> sizes = new ArrayList<>(detection.objects().size());
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (DetectedObject object : detection.objects()) {
            long size = BaselineWorkload.size((long) object.centroid().x());
            max = Math.max(max, size);
            min = Math.min(min, size);
            sizes.add(new ObjectSize(
                    object.id(),
                    size,
                    Math.sqrt(4 * size / Math.PI),
                    new ObjectSize.Ellipse(0, 0, 0),
                    new ObjectSize.ConvexHull(0, 0),
                    new ObjectSize.Feret(0, 0),
                    null));
        }
        if (!sizes.isEmpty()) {
            extremes.append(max, min);
        }
        return sizes;
    }
}

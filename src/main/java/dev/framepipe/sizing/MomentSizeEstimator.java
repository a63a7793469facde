package dev.framepipe.sizing;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.frame.WorkCheckpoint;
import dev.framepipe.geometry.MomentEllipse;
import dev.framepipe.geometry.PixelHull;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes each object from its moments ({@link MomentEllipse}) and from the convex hull of its
 * pixel squares ({@link PixelHull}). Stateless apart from the scale, hence thread-safe.
 */
final class MomentSizeEstimator implements SizeEstimator {

    /** A {@link WorkCheckpoint} every 256 objects. */
    private static final int CHECK_MASK = 255;

    private final Double mmPerPixel;

    MomentSizeEstimator(SizingProperties properties) {
        this.mmPerPixel = properties.mmPerPixel();
    }

    @Override
    public List<ObjectSize> estimate(Detection detection) {
        List<ObjectSize> sizes = new ArrayList<>(detection.objects().size());
        for (DetectedObject object : detection.objects()) {
            if ((sizes.size() & CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            sizes.add(measure(object));
        }
        return List.copyOf(sizes);
    }

    private ObjectSize measure(DetectedObject object) {
        double area = object.area();
        double equivalentDiameter = Math.sqrt(4 * area / Math.PI);
        MomentEllipse ellipse = MomentEllipse.of(object.moments());
        PixelHull hull = object.runs().hull();
        ObjectSize.Millimetres mm = null;
        if (mmPerPixel != null) {
            double s = mmPerPixel;
            mm = new ObjectSize.Millimetres(
                    area * s * s,
                    equivalentDiameter * s,
                    ellipse.major() * s,
                    ellipse.minor() * s,
                    hull.maxFeret() * s,
                    hull.minFeret() * s);
        }
        return new ObjectSize(
                object.id(),
                area,
                equivalentDiameter,
                new ObjectSize.Ellipse(ellipse.major(), ellipse.minor(), ellipse.orientation()),
                new ObjectSize.ConvexHull(hull.area(), hull.vertexCount()),
                new ObjectSize.Feret(hull.maxFeret(), hull.minFeret()),
                mm);
    }
}

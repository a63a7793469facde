package dev.framepipe.classification;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.geometry.MomentEllipse;
import dev.framepipe.geometry.PixelHull;

/**
 * Computes {@link ShapeFeatures} from one detected object, without the frame and without the size
 * estimator's output (the two stages run at the same time): moments, perimeter, box and
 * intensity sum come from the detector, the hull-based features from the object's own runs.
 *
 * <ul>
 *   <li>circularity {@code 4 pi A / P^2} with the detector's perimeter, clamped to (0, 1] (a
 *       chain-code perimeter through boundary pixel centres makes small discs exceed 1);</li>
 *   <li>elongation {@code sqrt(lambda1 / lambda2)} of the moment covariance of the pixel
 *       squares (pixel-centre moments plus 1/12 on the diagonal, so a one-pixel-wide bar stays
 *       finite);</li>
 *   <li>solidity, concavity depth, hull circularity and rectangularity from the convex hull of
 *       the pixel squares and its minimum-area enclosing rectangle (rotating calipers, Toussaint
 *       1983).</li>
 * </ul>
 * Stateless, thread-safe.
 */
final class FeatureExtractor {

    private FeatureExtractor() {}

    static ShapeFeatures features(DetectedObject object, Detection detection) {
        double area = object.area();
        double perimeter = object.perimeter();
        double circularity = perimeter > 0 ? Math.min(1, 4 * Math.PI * area / (perimeter * perimeter)) : 1;
        if (!(circularity > 0)) {
            circularity = Double.MIN_VALUE;
        }
        double elongation = MomentEllipse.of(object.moments()).elongation();
        double extent = area / object.box().area();
        double meanIntensity = object.meanIntensity();
        double contrast = Math.abs(meanIntensity - detection.backgroundMean()) / 255;
        PixelHull hull = object.runs().hull();
        double hullArea = hull.area();
        double hullPerimeter = hull.perimeter();
        double solidity = hullArea > 0 ? Math.min(1, area / hullArea) : 1;
        double concavityDepth = hullPerimeter > 0 ? Math.max(0, hullArea - area) / hullPerimeter : 0;
        double hullCircularity =
                hullPerimeter > 0 ? Math.min(1, 4 * Math.PI * hullArea / (hullPerimeter * hullPerimeter)) : 1;
        double rectangularity = hull.minRectangleArea() > 0 ? Math.min(1, hullArea / hull.minRectangleArea()) : 1;
        return new ShapeFeatures(
                circularity,
                elongation,
                extent,
                meanIntensity,
                contrast,
                solidity,
                concavityDepth,
                hullCircularity,
                rectangularity);
    }
}

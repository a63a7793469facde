package dev.framepipe.classification;

/**
 * Rotation- and scale-invariant shape features of one object, plus its photometry.
 *
 * <p>The last four come from the convex hull of the object's pixel squares (see
 * {@code dev.framepipe.geometry.PixelHull}); they do not depend on how the detector estimates the
 * perimeter, which makes them the reliable ones for small objects.
 *
 * @param circularity     {@code 4 pi A / P^2}: 1 for a disc, about 0.785 for a square, lower for thin or ragged shapes
 * @param elongation      ratio of the major to the minor moment axis, at least 1
 * @param extent          area divided by the bounding-box area, in (0, 1]
 * @param meanIntensity   mean luminance of the object (0..255)
 * @param contrast        absolute difference between the object's mean and the background mean, divided by 255
 * @param solidity        area divided by the convex hull area, in (0, 1]: near 1 for convex shapes
 * @param concavityDepth  (hull area - area) / hull perimeter, in pixels: the mean depth of the gaps
 *                        between the object and its hull; below about 0.65 px for any digitised convex
 *                        shape (staircase edges), larger for lobed or ragged outlines
 * @param hullCircularity {@code 4 pi H / Ph^2} of the hull (area H, perimeter Ph): above about 0.95 for a
 *                        digital disc, about 0.785 for a square, lower for oblong shapes
 * @param rectangularity  hull area divided by the area of the smallest enclosing rectangle at any rotation,
 *                        in (0, 1]: above about 0.9 for a rectangle, near {@code pi/4} for a disc or ellipse
 */
public record ShapeFeatures(
        double circularity,
        double elongation,
        double extent,
        double meanIntensity,
        double contrast,
        double solidity,
        double concavityDepth,
        double hullCircularity,
        double rectangularity) {}

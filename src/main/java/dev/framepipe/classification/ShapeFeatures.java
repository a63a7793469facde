package dev.framepipe.classification;

/**
 * Rotation- and scale-invariant shape features of one object, plus its photometry.
 *
 * @param circularity   {@code 4 pi A / P^2}: 1 for a disc, about 0.785 for a square, lower for thin or ragged shapes
 * @param elongation    ratio of the major to the minor moment axis, at least 1
 * @param extent        area divided by the bounding-box area, in (0, 1]
 * @param meanIntensity mean luminance of the object (0..255)
 * @param contrast      absolute difference between the object's mean and the background mean, divided by 255
 */
public record ShapeFeatures(
        double circularity, double elongation, double extent, double meanIntensity, double contrast) {
}

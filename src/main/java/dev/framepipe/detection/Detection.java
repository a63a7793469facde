package dev.framepipe.detection;

import java.util.List;

/**
 * What the {@link Detector} found on one frame. Immutable; shared read-only by the size
 * estimator and the classifier while they run at the same time.
 *
 * @param frameWidth     width of the analysed frame in pixels
 * @param frameHeight    height of the analysed frame in pixels
 * @param threshold      the luminance level used: a pixel is foreground when it lies on the
 *                       object side of this level (see {@code polarity})
 * @param polarity       the polarity used, {@link Polarity#BRIGHT} or {@link Polarity#DARK}
 *                       (never {@code AUTO}: that is resolved per frame)
 * @param backgroundMean mean luminance of the background pixels
 * @param objects        the objects kept (after the minimum-area filter), in id order
 * @param truncated      true when the maximum object count cut the list short, or labeling stopped at
 *                       {@code framepipe.detector.max-runs} (rows below that run were not labelled)
 */
public record Detection(
        int frameWidth,
        int frameHeight,
        int threshold,
        Polarity polarity,
        double backgroundMean,
        List<DetectedObject> objects,
        boolean truncated) {

    public Detection {
        objects = List.copyOf(objects);
    }
}

package dev.framepipe.detection;

import java.util.List;

/**
 * What the {@link Detector} found on one frame. Immutable; shared read-only by the size
 * estimator and the classifier while they run at the same time.
 *
 * @param frameWidth      width of the analysed frame in pixels
 * @param frameHeight     height of the analysed frame in pixels
 * @param threshold       the global luminance level (Otsu's or the fixed one; with {@code local} thresholding
 *                        the level that decided the polarity): a pixel is foreground when it lies on the
 *                        object side of this level (see {@code polarity})
 * @param polarity        the polarity used, {@link Polarity#BRIGHT} or {@link Polarity#DARK}
 *                        (never {@code AUTO}: that is resolved per frame)
 * @param backgroundMean  mean luminance of the background pixels
 * @param objects         the objects kept (after the filters), in id order
 * @param truncated       true when the maximum object count cut the list short, or labeling stopped at
 *                        {@code framepipe.detector.max-runs} (rows below that run were not labelled)
 * @param thresholdMethod the threshold method used
 * @param polarityRule    what decided the polarity
 * @param options         the options in effect
 */
public record Detection(
        int frameWidth,
        int frameHeight,
        int threshold,
        Polarity polarity,
        double backgroundMean,
        List<DetectedObject> objects,
        boolean truncated,
        ThresholdMethod thresholdMethod,
        PolarityRule polarityRule,
        DetectorOptions options) {

    public Detection {
        objects = List.copyOf(objects);
    }

    /** A detection by the default options with a configured polarity (for stages that detect otherwise). */
    public Detection(
            int frameWidth,
            int frameHeight,
            int threshold,
            Polarity polarity,
            double backgroundMean,
            List<DetectedObject> objects,
            boolean truncated) {
        this(
                frameWidth,
                frameHeight,
                threshold,
                polarity,
                backgroundMean,
                objects,
                truncated,
                DetectorOptions.defaults().thresholdMethod(),
                PolarityRule.CONFIGURED,
                DetectorOptions.defaults());
    }
}

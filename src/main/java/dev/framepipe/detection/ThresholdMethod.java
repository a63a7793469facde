package dev.framepipe.detection;

/** How the luminance threshold is chosen. */
public enum ThresholdMethod {
    /** Otsu (1979), global: maximise the between-class variance of the luminance histogram. */
    OTSU,
    /** The configured fixed level ({@code threshold-level}), global. */
    FIXED,
    /**
     * Adaptive, for uneven illumination: each pixel is compared with the mean of its
     * {@code local-window} neighbourhood ({@link LocalMeanThreshold}).
     */
    LOCAL
}

package dev.framepipe.detection;

/** How the global threshold is chosen. */
public enum ThresholdMethod {
    /** Otsu (1979): maximise the between-class variance of the luminance histogram. */
    OTSU,
    /** The configured fixed level. */
    FIXED
}

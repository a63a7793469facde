package dev.framepipe.detection;

/** Creates detectors without Spring, for tests, benchmarks and tools. */
public final class Detectors {

    private Detectors() {}

    /**
     * A thread-safe detector whose defaults are the given settings (see {@link SegmentationDetector} for the
     * algorithms it composes).
     */
    public static Detector create(DetectorProperties properties) {
        return new SegmentationDetector(properties.options(), properties.maxObjects(), properties.maxRuns());
    }
}

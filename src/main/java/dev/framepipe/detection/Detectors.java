package dev.framepipe.detection;

/** Creates detectors without Spring, for tests, benchmarks and tools. */
public final class Detectors {

    private Detectors() {
    }

    /**
     * A thread-safe detector with the given settings: Otsu (1979) or fixed global threshold, then
     * run-based union-find connected-component labeling (He, Chao and Suzuki 2008) and a
     * Vossepoel-Smeulders (1982) perimeter of each object's traced outer boundary.
     */
    public static Detector create(DetectorProperties properties) {
        return new RunLengthDetector(properties);
    }
}

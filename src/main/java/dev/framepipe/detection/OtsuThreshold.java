package dev.framepipe.detection;

import boofcv.alg.filter.binary.GThresholdImageOps;

/**
 * Otsu's global threshold: N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans.
 * Systems, Man and Cybernetics 9(1), 1979. The level maximises the between-class variance of the
 * luminance histogram; computed by BoofCV's {@link GThresholdImageOps#computeOtsu(int[], int, int)}.
 */
final class OtsuThreshold {

    private OtsuThreshold() {}

    /**
     * @param histogram 256 bins of luminance counts; not modified
     * @param total     the sum of the bins
     * @return the level {@code t}: the last luminance of the lower class (0..255)
     */
    static int level(int[] histogram, int total) {
        return GThresholdImageOps.computeOtsu(histogram, 256, total);
    }
}

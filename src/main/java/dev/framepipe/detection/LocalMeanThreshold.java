package dev.framepipe.detection;

import boofcv.alg.filter.binary.GThresholdImageOps;
import boofcv.struct.ConfigLength;
import boofcv.struct.image.GrayU8;
import dev.framepipe.frame.Frame;

/**
 * Adaptive threshold for uneven illumination: each pixel is compared with the mean of the square window
 * around it, so a level that follows the light separates the objects where one global level cannot (the
 * local mean threshold, as in ImageJ's Auto Local Threshold "Mean" and Gonzalez and Woods, "Digital Image
 * Processing", 3rd ed., 10.3.7). Computed by BoofCV's {@link GThresholdImageOps#localMean}, whose box
 * filter costs the same per pixel whatever the window (its Gaussian-weighted variant convolves with the
 * whole window and was 30 times slower at 151 px).
 *
 * <p>Stateless and thread-safe; allocates its images per frame.
 */
final class LocalMeanThreshold {

    /**
     * BoofCV's {@code scale}: bright foreground is {@code luminance * MARGIN > mean}, dark foreground
     * {@code luminance <= mean * MARGIN}, so a pixel must stand about 5 % out of its surroundings; without the
     * margin a flat or linearly lit background is split in half by its own noise, and the truncated windows
     * at the frame's edge make stripes of a ramp.
     */
    static final double MARGIN = 0.95;

    private LocalMeanThreshold() {}

    /**
     * @param frame    the frame; not modified
     * @param window   side of the window in pixels (odd)
     * @param polarity {@code BRIGHT}: foreground is brighter than the local mean; {@code DARK}: at most it
     * @return one byte per pixel, row-major: 1 for foreground, 0 for background
     */
    static byte[] foreground(Frame frame, int window, Polarity polarity) {
        GrayU8 input = new GrayU8(frame.width(), frame.height());
        input.data = frame.gray();
        GrayU8 output = new GrayU8(frame.width(), frame.height());
        GThresholdImageOps.localMean(
                input, output, ConfigLength.fixed(window), MARGIN, polarity == Polarity.DARK, null, null, null);
        return output.data;
    }
}

package dev.framepipe.classification;

import dev.framepipe.detection.Box;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.frame.Frame;
import dev.framepipe.frame.WorkCheckpoint;

/**
 * One object's input plane for a learned classifier: a square window around the object's box,
 * masked by the object's own runs, resampled to {@code size x size}.
 *
 * <ul>
 *   <li>Window: centred on the box, side {@code L = m + 2 ceil(margin m) + 2} pixels with {@code m} the
 *       longer box side, so the aspect ratio is kept and the object never touches the edge.</li>
 *   <li>Value of a source pixel: {@code |luminance - backgroundMean| / 255} inside the object's runs,
 *       0 outside them (neighbours and background are masked out), so bright and dark objects look
 *       alike; then {@code (value - mean) / std}.</li>
 *   <li>Resampling: each output cell is the mean of {@code k x k} point samples (nearest source pixel)
 *       spread over the cell, {@code k = min(4, ceil(L / size))}: a box filter that keeps thin parts
 *       of large objects visible without reading every pixel.</li>
 * </ul>
 * Stateless apart from its spec; thread-safe. Costs {@code O(box area + size^2 k^2)} per object.
 */
final class MaskedCrop {

    /** A {@link WorkCheckpoint} every 65 536 runs of an object. */
    private static final int CHECK_MASK = (1 << 16) - 1;

    private static final int MAX_SAMPLES = 4;

    private final OnnxInputSpec spec;

    MaskedCrop(OnnxInputSpec spec) {
        this.spec = spec;
    }

    /** Floats one crop occupies: {@code size * size}. */
    int planeSize() {
        return spec.size() * spec.size();
    }

    /**
     * Writes the object's crop into {@code out[offset .. offset + size*size)}, row-major.
     *
     * @param frame          the frame the object was detected on; not modified
     * @param object         the object; its runs select the pixels
     * @param backgroundMean the detection's background mean luminance
     * @param out            destination
     * @param offset         first index written
     */
    void write(Frame frame, DetectedObject object, double backgroundMean, float[] out, int offset) {
        Box box = object.box();
        int bw = box.width();
        int bh = box.height();
        float[] local = new float[bw * bh];
        var runs = object.runs();
        int width = frame.width();
        for (int i = 0, n = runs.count(); i < n; i++) {
            if ((i & CHECK_MASK) == 0) {
                WorkCheckpoint.check();
            }
            int y = runs.y(i);
            int row = (y - box.y()) * bw - box.x();
            int base = y * width;
            for (int x = runs.x0(i), end = runs.x1(i); x < end; x++) {
                local[row + x] = (float) (Math.abs(frame.luminance(base + x) - backgroundMean) / 255.0);
            }
        }
        int longer = Math.max(bw, bh);
        int side = longer + 2 * (int) Math.ceil(spec.margin() * longer) + 2;
        double left = box.x() + bw / 2.0 - side / 2.0;
        double top = box.y() + bh / 2.0 - side / 2.0;
        int size = spec.size();
        double cell = (double) side / size;
        int k = Math.min(MAX_SAMPLES, Math.max(1, (int) Math.ceil(cell)));
        double step = cell / k;
        float mean = (float) spec.mean();
        float scale = (float) (1 / spec.std());
        float perSample = 1f / (k * k);
        for (int oy = 0; oy < size; oy++) {
            for (int ox = 0; ox < size; ox++) {
                float sum = 0;
                for (int sy = 0; sy < k; sy++) {
                    int ly = (int) Math.floor(top + oy * cell + (sy + 0.5) * step) - box.y();
                    if (ly < 0 || ly >= bh) {
                        continue;
                    }
                    for (int sx = 0; sx < k; sx++) {
                        int lx = (int) Math.floor(left + ox * cell + (sx + 0.5) * step) - box.x();
                        if (lx >= 0 && lx < bw) {
                            sum += local[ly * bw + lx];
                        }
                    }
                }
                out[offset + oy * size + ox] = (sum * perSample - mean) * scale;
            }
        }
    }
}

package dev.framepipe.detection;

import dev.framepipe.frame.Frame;

/**
 * Polarity {@code auto}: the background is the class of the threshold that owns the frame's border.
 * Objects may cover most of the frame, but a camera frames them with background around them, so the
 * class covering at least {@value #OWNER_SHARE} of a band along the border (its width {@code min(w, h) / 64},
 * 1 to 8 pixels) is taken as the background. When neither class owns the band (objects cut by the
 * border all round, or no background left at the edge), the objects are the minority side of the
 * threshold, the rule of the first detector (ties go to bright).
 *
 * <p>Stateless and thread-safe; reads only the band's pixels.
 */
final class BorderOwnedPolarity {

    /** The share of the band a class needs to own the border. */
    static final double OWNER_SHARE = 2.0 / 3.0;

    private BorderOwnedPolarity() {}

    /** A resolved polarity and the rule that decided it. */
    record Decision(Polarity polarity, PolarityRule rule) {}

    /**
     * @param frame     the frame; not modified
     * @param level     the global level: bright is {@code luminance > level}
     * @param above     pixels of the whole frame above the level
     * @param requested the configured polarity; {@code AUTO} is resolved here
     */
    static Decision decide(Frame frame, int level, long above, Polarity requested) {
        if (requested != Polarity.AUTO) {
            return new Decision(requested, PolarityRule.CONFIGURED);
        }
        int width = frame.width();
        int height = frame.height();
        int band = Math.max(1, Math.min(8, Math.min(width, height) / 64));
        long bright = 0;
        long count = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            if (y < band || y >= height - band) {
                for (int x = 0; x < width; x++) {
                    bright += frame.luminance(row + x) > level ? 1 : 0;
                }
                count += width;
            } else {
                int side = Math.min(band, width);
                for (int x = 0; x < side; x++) {
                    bright += frame.luminance(row + x) > level ? 1 : 0;
                }
                for (int x = Math.max(side, width - band); x < width; x++) {
                    bright += frame.luminance(row + x) > level ? 1 : 0;
                }
                count += side + (width - Math.max(side, width - band));
            }
        }
        if (bright >= OWNER_SHARE * count) {
            return new Decision(Polarity.DARK, PolarityRule.BORDER);
        }
        if (count - bright >= OWNER_SHARE * count) {
            return new Decision(Polarity.BRIGHT, PolarityRule.BORDER);
        }
        long total = frame.pixelCount();
        return new Decision(above <= total - above ? Polarity.BRIGHT : Polarity.DARK, PolarityRule.MINORITY);
    }
}

package dev.framepipe.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately naive connected-component labeler (breadth-first flood fill), the reference the
 * fast labelers are checked against. Slow but obviously correct; test use only.
 */
public final class ReferenceLabeler {

    /**
     * One component.
     *
     * @param firstPixel row-major index of its first pixel in raster order
     * @param area       pixel count
     * @param minX       leftmost column
     * @param minY       topmost row
     * @param maxX       rightmost column (inclusive)
     * @param maxY       bottom row (inclusive)
     * @param centroidX  mean column
     * @param centroidY  mean row
     * @param pixels     row-major indices of its pixels, ascending
     */
    public record Component(
            int firstPixel,
            long area,
            int minX,
            int minY,
            int maxX,
            int maxY,
            double centroidX,
            double centroidY,
            int[] pixels) {}

    private ReferenceLabeler() {}

    /**
     * Labels the {@code true} pixels of a row-major mask.
     *
     * @param connectivity 4 or 8
     * @return the components in raster order of their first pixel
     */
    public static List<Component> label(boolean[] mask, int width, int height, int connectivity) {
        int[] labels = new int[width * height];
        int[] queue = new int[width * height];
        List<Component> components = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) {
                continue;
            }
            next++;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            labels[start] = next;
            while (head < tail) {
                int p = queue[head++];
                int px = p % width;
                int py = p / width;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if ((dx == 0 && dy == 0) || (connectivity == 4 && dx != 0 && dy != 0)) {
                            continue;
                        }
                        int x = px + dx;
                        int y = py + dy;
                        if (x < 0 || y < 0 || x >= width || y >= height) {
                            continue;
                        }
                        int q = y * width + x;
                        if (mask[q] && labels[q] == 0) {
                            labels[q] = next;
                            queue[tail++] = q;
                        }
                    }
                }
            }
            int[] pixels = java.util.Arrays.copyOf(queue, tail);
            java.util.Arrays.sort(pixels);
            int minX = Integer.MAX_VALUE;
            int minY = Integer.MAX_VALUE;
            int maxX = -1;
            int maxY = -1;
            double sx = 0;
            double sy = 0;
            for (int p : pixels) {
                int x = p % width;
                int y = p / width;
                minX = Math.min(minX, x);
                minY = Math.min(minY, y);
                maxX = Math.max(maxX, x);
                maxY = Math.max(maxY, y);
                sx += x;
                sy += y;
            }
            components.add(new Component(start, tail, minX, minY, maxX, maxY, sx / tail, sy / tail, pixels));
        }
        return components;
    }

    /** The mask of pixels strictly brighter than {@code threshold}. */
    public static boolean[] above(dev.framepipe.frame.Frame frame, int threshold) {
        boolean[] mask = new boolean[frame.pixelCount()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = frame.luminance(i) > threshold;
        }
        return mask;
    }
}

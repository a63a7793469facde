package dev.framepipe.sizing;

import dev.framepipe.detection.Box;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Polarity;
import dev.framepipe.detection.Runs;
import dev.framepipe.frame.Frame;
import dev.framepipe.geometry.Moments;
import dev.framepipe.geometry.Point;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-made detector output for stage unit tests: continuous shapes sampled at pixel centres (a
 * pixel belongs to the shape when its centre is inside), turned into a {@link DetectedObject} the
 * way a labeler would describe it. The perimeter is the Vossepoel–Smeulders estimate over the
 * 8-connected outer chain code. Angles are degrees, counter-clockwise with y up.
 */
public final class RasterShapes {

    /** Object grey level written into {@code intensitySum}. */
    public static final int OBJECT_LEVEL = 200;
    /** Background mean reported by {@link #detection}. */
    public static final double BACKGROUND_LEVEL = 40;

    private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1}; // clockwise on screen, from east
    private static final int[] DY = {0, 1, 1, 1, 0, -1, -1, -1};

    private RasterShapes() {
    }

    /** Whether a pixel centre at offset (u, v) from the shape centre, image axes, is inside. */
    @FunctionalInterface
    public interface Shape {
        boolean inside(double dx, double dy);
    }

    public static Shape disc(double diameter) {
        double r2 = diameter * diameter / 4;
        return (dx, dy) -> dx * dx + dy * dy <= r2;
    }

    public static Shape ellipse(double major, double minor, double degrees) {
        double t = Math.toRadians(degrees);
        double c = Math.cos(t);
        double s = Math.sin(t);
        double a = major / 2;
        double b = minor / 2;
        return (dx, dy) -> {
            double u = dx * c - dy * s;
            double v = -dx * s - dy * c;
            return u * u / (a * a) + v * v / (b * b) <= 1;
        };
    }

    public static Shape rectangle(double length, double width, double degrees) {
        double t = Math.toRadians(degrees);
        double c = Math.cos(t);
        double s = Math.sin(t);
        return (dx, dy) -> {
            double u = dx * c - dy * s;
            double v = -dx * s - dy * c;
            return Math.abs(u) <= length / 2 && Math.abs(v) <= width / 2;
        };
    }

    /** A lobed star {@code r(t) = r0 (1 + a sin(k t))}. */
    public static Shape star(double r0, double amplitude, int lobes) {
        return (dx, dy) -> {
            double r = r0 * (1 + amplitude * Math.sin(lobes * Math.atan2(-dy, dx)));
            return dx * dx + dy * dy <= r * r;
        };
    }

    /** Samples the shape centred at (cx, cy) on a frame of the given size. */
    public static DetectedObject object(int id, Shape shape, double cx, double cy, int width, int height) {
        boolean[] mask = new boolean[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                mask[y * width + x] = shape.inside(x - cx, y - cy);
            }
        }
        return fromMask(id, mask, width, height);
    }

    /** Describes all set pixels of the mask as one object (the caller makes sure they are connected). */
    public static DetectedObject fromMask(int id, boolean[] mask, int width, int height) {
        int[] runs = new int[3 * mask.length];
        int r = 0;
        long n = 0;
        double sx = 0;
        double sy = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        int first = -1;
        boolean border = false;
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!mask[y * width + x]) {
                    x++;
                    continue;
                }
                int x0 = x;
                while (x < width && mask[y * width + x]) {
                    if (first < 0) {
                        first = y * width + x;
                    }
                    n++;
                    sx += x;
                    sy += y;
                    x++;
                }
                runs[r++] = y;
                runs[r++] = x0;
                runs[r++] = x;
                minX = Math.min(minX, x0);
                maxX = Math.max(maxX, x - 1);
                minY = Math.min(minY, y);
                maxY = y;
                border |= x0 == 0 || x == width || y == 0 || y == height - 1;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("empty shape");
        }
        double mx = sx / n;
        double my = sy / n;
        double m20 = 0;
        double m02 = 0;
        double m11 = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x]) {
                    m20 += (x - mx) * (x - mx);
                    m02 += (y - my) * (y - my);
                    m11 += (x - mx) * (y - my);
                }
            }
        }
        return new DetectedObject(id, new Box(minX, minY, maxX - minX + 1, maxY - minY + 1),
                new Moments(n, new Point(mx, my), m20 / n, m11 / n, m02 / n), perimeter(mask, width, height, first),
                border, n * OBJECT_LEVEL, new Runs(Arrays.copyOf(runs, r)));
    }

    /**
     * The frame these objects were rasterised from: each object's runs at {@link #OBJECT_LEVEL} on
     * {@link #BACKGROUND_LEVEL}, so a classifier that reads pixels sees what the detector saw.
     */
    public static Frame frame(Detection detection) {
        byte[] gray = new byte[detection.frameWidth() * detection.frameHeight()];
        Arrays.fill(gray, (byte) BACKGROUND_LEVEL);
        for (DetectedObject object : detection.objects()) {
            Runs runs = object.runs();
            for (int i = 0; i < runs.count(); i++) {
                Arrays.fill(gray, runs.y(i) * detection.frameWidth() + runs.x0(i),
                        runs.y(i) * detection.frameWidth() + runs.x1(i), (byte) OBJECT_LEVEL);
            }
        }
        return new Frame(detection.frameWidth(), detection.frameHeight(), gray);
    }

    public static Detection detection(int width, int height, DetectedObject... objects) {
        return new Detection(width, height, 120, Polarity.BRIGHT, BACKGROUND_LEVEL, List.of(objects), false);
    }

    /** Moore-neighbour trace of the outer boundary, then Vossepoel–Smeulders (1982). */
    private static double perimeter(boolean[] mask, int width, int height, int start) {
        int sx = start % width;
        int sy = start / width;
        int bx = sx;
        int by = sy;
        int from = 4; // the west neighbour of the first pixel is background
        int even = 0;
        int odd = 0;
        int corners = 0;
        int firstMove = -1;
        int lastMove = -1;
        for (int steps = 0; steps < 4 * mask.length + 8; steps++) {
            int move = -1;
            for (int k = 0; k < 8; k++) {
                int d = (from + k) % 8;
                int x = bx + DX[d];
                int y = by + DY[d];
                if (x >= 0 && y >= 0 && x < width && y < height && mask[y * width + x]) {
                    move = d;
                    break;
                }
            }
            if (move < 0) {
                return 0; // a single pixel
            }
            if (bx == sx && by == sy && move == firstMove) {
                break;
            }
            if (firstMove < 0) {
                firstMove = move;
            } else if (move != lastMove) {
                corners++;
            }
            if (move % 2 == 0) {
                even++;
            } else {
                odd++;
            }
            lastMove = move;
            int prev = (move + 7) % 8; // the background neighbour examined just before the move
            int cx = bx + DX[prev];
            int cy = by + DY[prev];
            bx += DX[move];
            by += DY[move];
            from = direction(cx - bx, cy - by);
        }
        if (lastMove != firstMove) {
            corners++;
        }
        return 0.980 * even + 1.406 * odd - 0.091 * corners;
    }

    private static int direction(int dx, int dy) {
        for (int d = 0; d < 8; d++) {
            if (DX[d] == dx && DY[d] == dy) {
                return d;
            }
        }
        throw new IllegalStateException();
    }
}

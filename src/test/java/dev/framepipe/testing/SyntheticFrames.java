package dev.framepipe.testing;

import dev.framepipe.frame.Frame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates frames with separated objects of known ground truth, for accuracy tests and benchmarks.
 *
 * <pre>{@code
 * SyntheticScene scene = SyntheticFrames.builder(640, 480).seed(42).objects(30)
 *         .kinds(PaintedShape.DISC, PaintedShape.BAR).sizeRange(12, 60).noise(8).gradient(20).build();
 * }</pre>
 *
 * <p>Objects are rasterised by pixel-centre sampling (a pixel is painted when its centre lies inside
 * the continuous shape; no anti-aliasing), so every pixel is either object or background level before
 * noise and gradient are added. Objects are placed at random sub-pixel positions and rotations, no two
 * closer than {@link Builder#gap(int) gap} pixels (centre to centre of their nearest pixels), and none
 * touching the border unless {@link Builder#touchingBorder(boolean)} is set. When the frame is too
 * crowded for the requested count, fewer objects are placed: use {@code truth().size()}.
 * See {@link TruthObject} for the ground-truth conventions.
 *
 * <p>Deterministic: the same builder settings give the same frame. Not thread-safe per builder;
 * builders are cheap.
 */
public final class SyntheticFrames {

    private static final int PLACEMENT_ATTEMPTS = 200;

    /**
     * Ellipses, rectangles and bars are never thinner than this many pixels (they are lengthened to keep
     * their ratio): thinner shapes can rasterise into several disconnected pieces.
     */
    static final double MIN_THICKNESS = 2.5;

    private SyntheticFrames() {}

    /** Starts a scene of the given frame size (at least 8x8) with the defaults documented on the builder. */
    public static Builder builder(int width, int height) {
        return new Builder(width, height);
    }

    /**
     * A frame of independent random pixels: each is 255 with probability {@code density}, else 0. For
     * labeler cross-checks (threshold at any level in 0..254, bright polarity).
     */
    public static Frame randomBinary(long seed, int width, int height, double density) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] gray = new byte[width * height];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = random.nextDouble() < density ? (byte) 255 : 0;
        }
        return new Frame(width, height, gray);
    }

    /** Scene settings. Defaults: 10 objects of every kind, size 12..60, bright objects (200 on 40), no noise. */
    public static final class Builder {

        private final int width;
        private final int height;
        private long seed = 1;
        private int objects = 10;
        private PaintedShape[] kinds = PaintedShape.solid();
        private double minSize = 12;
        private double maxSize = 60;
        private double noise;
        private double gradient;
        private boolean dark;
        private int background = -1;
        private int foreground = -1;
        private int gap = 3;
        private boolean touchingBorder;
        private double minEllipseRatio = 1.5;
        private double maxEllipseRatio = 4;
        private double minRectangleAspect = 1;
        private double maxRectangleAspect = 1.8;
        private double minBarAspect = 4;
        private double maxBarAspect = 8;
        private double maxOverlap = -1;
        private int columns;
        private int rows;

        private Builder(int width, int height) {
            if (width < 8 || height < 8) {
                throw new IllegalArgumentException("frame must be at least 8x8");
            }
            this.width = width;
            this.height = height;
        }

        /** Random seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of objects requested (fewer are placed when they do not fit). */
        public Builder objects(int count) {
            this.objects = count;
            return this;
        }

        /** Kinds to draw from, uniformly at random per object. */
        public Builder kinds(PaintedShape... kinds) {
            if (kinds.length == 0) {
                throw new IllegalArgumentException("at least one kind");
            }
            this.kinds = kinds.clone();
            return this;
        }

        /** Range of the nominal size in pixels (see {@link PaintedShape}), drawn uniformly. */
        public Builder sizeRange(double min, double max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("bad size range " + min + ".." + max);
            }
            this.minSize = min;
            this.maxSize = max;
            return this;
        }

        /** Standard deviation of additive Gaussian noise, in grey levels (result clamped to 0..255). */
        public Builder noise(double sigma) {
            this.noise = sigma;
            return this;
        }

        /** A horizontal background ramp: grey levels added from -g/2 at the left to +g/2 at the right. */
        public Builder gradient(double levels) {
            this.gradient = levels;
            return this;
        }

        /** Dark objects on a bright background (default levels 55 on 215) instead of bright on dark (200 on 40). */
        public Builder darkObjects(boolean dark) {
            this.dark = dark;
            return this;
        }

        /** Explicit background and object grey levels, overriding the polarity defaults. */
        public Builder levels(int background, int foreground) {
            this.background = background;
            this.foreground = foreground;
            return this;
        }

        /** Minimum distance in pixels between pixel centres of different objects (default 3, at least 2). */
        public Builder gap(int pixels) {
            if (pixels < 2) {
                throw new IllegalArgumentException("gap must be at least 2 so objects never touch");
            }
            this.gap = pixels;
            return this;
        }

        /** Allow objects to be clipped by the frame border (default: all objects at least 2 px inside). */
        public Builder touchingBorder(boolean allowed) {
            this.touchingBorder = allowed;
            return this;
        }

        /** Axis ratio range for ellipses (default 1.5..4). */
        public Builder ellipseRatio(double min, double max) {
            this.minEllipseRatio = min;
            this.maxEllipseRatio = max;
            return this;
        }

        /** Aspect range for rectangles (default 1..1.8). */
        public Builder rectangleAspect(double min, double max) {
            this.minRectangleAspect = min;
            this.maxRectangleAspect = max;
            return this;
        }

        /** Aspect range for bars (default 4..8). */
        public Builder barAspect(double min, double max) {
            if (min < 4) {
                throw new IllegalArgumentException("a bar has aspect at least 4");
            }
            this.minBarAspect = min;
            this.maxBarAspect = max;
            return this;
        }

        /**
         * Objects come in touching pairs: every second object is placed against the one before it, touching
         * it or overlapping it by up to {@code maxOverlap} of the smaller one's width (0 = just touching, 0.2 =
         * a fifth). Pairs keep the {@link #gap(int) gap} from each other. Truth areas of a pair's two objects
         * count their shared pixels twice; the count is exact.
         */
        public Builder touchingPairs(double maxOverlap) {
            if (maxOverlap < 0 || maxOverlap > 0.5) {
                throw new IllegalArgumentException("overlap must be in 0..0.5");
            }
            this.maxOverlap = maxOverlap;
            return this;
        }

        /**
         * Places one object per cell of a {@code columns x rows} grid (random sub-pixel jitter, sized to fill
         * its cell up to the gap), so objects can cover most of the frame without touching each other or the
         * border; {@link #objects(int)} and {@link #sizeRange} are ignored.
         */
        public Builder grid(int columns, int rows) {
            this.columns = columns;
            this.rows = rows;
            return this;
        }

        /** Paints the scene. */
        public SyntheticScene build() {
            SplittableRandom random = new SplittableRandom(seed);
            int bg = background >= 0 ? background : (dark ? 215 : 40);
            int fg = foreground >= 0 ? foreground : (dark ? 55 : 200);
            boolean[] mask = new boolean[width * height];
            List<Shape> placed = new ArrayList<>();
            List<TruthObject> truth = new ArrayList<>();
            if (columns > 0) {
                gridLayout(random, placed);
                for (Shape shape : placed) {
                    TruthObject t = paint(shape, mask);
                    if (t != null) {
                        truth.add(t);
                    }
                }
            }
            for (int n = 0; columns == 0 && n < objects; n++) {
                Shape shape = place(random, placed);
                if (shape == null) {
                    continue;
                }
                Shape partner = null;
                if (maxOverlap >= 0) {
                    partner = partner(random, shape, placed);
                    if (partner == null) {
                        continue;
                    }
                    n++;
                }
                TruthObject t = paint(shape, mask);
                if (t != null) {
                    placed.add(shape);
                    truth.add(t);
                }
                if (partner != null) {
                    TruthObject u = paint(partner, mask);
                    if (u != null) {
                        placed.add(partner);
                        truth.add(u);
                    }
                }
            }
            byte[] gray = new byte[width * height];
            double ramp = width > 1 ? gradient / (width - 1) : 0;
            for (int y = 0, i = 0; y < height; y++) {
                for (int x = 0; x < width; x++, i++) {
                    double v = (mask[i] ? fg : bg) + ramp * x - gradient / 2;
                    if (noise > 0) {
                        v += noise * random.nextGaussian();
                    }
                    long r = Math.round(v);
                    gray[i] = (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
                }
            }
            return new SyntheticScene(new Frame(width, height, gray), truth);
        }

        private Shape place(SplittableRandom random, List<Shape> placed) {
            PaintedShape kind = kinds[random.nextInt(kinds.length)];
            double cap = touchingBorder ? Math.max(width, height) : Math.min(width, height) - 6;
            double hi = Math.min(maxSize, cap);
            if (hi < minSize) {
                hi = minSize;
            }
            double size = minSize + random.nextDouble() * (hi - minSize);
            Shape shape = Shape.random(kind, size, random, this);
            double r = shape.radius;
            double lowX = touchingBorder ? 0 : r + 2;
            double highX = touchingBorder ? width - 1 : width - 3 - r;
            double lowY = touchingBorder ? 0 : r + 2;
            double highY = touchingBorder ? height - 1 : height - 3 - r;
            if (highX < lowX || highY < lowY) {
                return null;
            }
            for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
                double cx = lowX + random.nextDouble() * (highX - lowX);
                double cy = lowY + random.nextDouble() * (highY - lowY);
                boolean free = true;
                for (Shape other : placed) {
                    double min = r + other.radius + gap;
                    double dx = cx - other.cx;
                    double dy = cy - other.cy;
                    if (dx * dx + dy * dy < min * min) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    shape.cx = cx;
                    shape.cy = cy;
                    return shape;
                }
            }
            return null;
        }

        private void gridLayout(SplittableRandom random, List<Shape> placed) {
            double cellW = (width - 4.0) / columns;
            double cellH = (height - 4.0) / rows;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double jitter = 1.0;
                    double size = Math.min(cellW, cellH) - gap - 2 * jitter - 1;
                    Shape shape = Shape.random(kinds[random.nextInt(kinds.length)], size, random, this);
                    double scale = size / 2 / shape.radius;
                    if (scale < 1) {
                        shape = Shape.random(shape.kind, size * scale, random, this);
                    }
                    shape.cx = 2 + (c + 0.5) * cellW + (random.nextDouble() - 0.5) * 2 * jitter;
                    shape.cy = 2 + (r + 0.5) * cellH + (random.nextDouble() - 0.5) * 2 * jitter;
                    placed.add(shape);
                }
            }
        }

        /**
         * A second object against {@code first}: in a random direction, at the centre distance where their
         * pixels first overlap, moved in by the drawn overlap; {@code null} when it does not fit.
         */
        private Shape partner(SplittableRandom random, Shape first, List<Shape> placed) {
            for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
                PaintedShape kind = kinds[random.nextInt(kinds.length)];
                double size = minSize + random.nextDouble() * (maxSize - minSize);
                Shape shape = Shape.random(kind, size, random, this);
                double angle = random.nextDouble() * 2 * Math.PI;
                double ux = Math.cos(angle);
                double uy = Math.sin(angle);
                double d = first.radius + shape.radius + 1;
                while (d > 0 && !overlaps(first, shape, first.cx + d * ux, first.cy + d * uy)) {
                    d -= 0.25;
                }
                double width = 2 * Math.min(first.halfWidth(), shape.halfWidth());
                d -= random.nextDouble() * maxOverlap * width;
                double cx = first.cx + d * ux;
                double cy = first.cy + d * uy;
                double r = shape.radius;
                if (cx - r < 2 || cy - r < 2 || cx + r > width() - 3 || cy + r > height() - 3) {
                    continue;
                }
                boolean free = true;
                for (Shape other : placed) {
                    double min = r + other.radius + gap;
                    if (Math.hypot(cx - other.cx, cy - other.cy) < min) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    shape.cx = cx;
                    shape.cy = cy;
                    return shape;
                }
            }
            return null;
        }

        private int width() {
            return width;
        }

        private int height() {
            return height;
        }

        /** Whether a pixel centre lies inside both {@code a} and {@code b} centred at (bx, by). */
        private static boolean overlaps(Shape a, Shape b, double bx, double by) {
            int x0 = (int) Math.floor(bx - b.radius);
            int x1 = (int) Math.ceil(bx + b.radius);
            int y0 = (int) Math.floor(by - b.radius);
            int y1 = (int) Math.ceil(by + b.radius);
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if (b.inside(x - bx, y - by) && a.inside(x - a.cx, y - a.cy)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private TruthObject paint(Shape shape, boolean[] mask) {
            int x0 = Math.max(0, (int) Math.floor(shape.cx - shape.radius));
            int x1 = Math.min(width - 1, (int) Math.ceil(shape.cx + shape.radius));
            int y0 = Math.max(0, (int) Math.floor(shape.cy - shape.radius));
            int y1 = Math.min(height - 1, (int) Math.ceil(shape.cy + shape.radius));
            int rows = y1 - y0 + 1;
            int[] rowMin = new int[rows];
            int[] rowMax = new int[rows];
            Arrays.fill(rowMin, Integer.MAX_VALUE);
            Arrays.fill(rowMax, Integer.MIN_VALUE);
            long n = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            boolean border = false;
            for (int y = y0; y <= y1; y++) {
                double dy = y - shape.cy;
                int row = y * width;
                for (int x = x0; x <= x1; x++) {
                    if (shape.inside(x - shape.cx, dy)) {
                        mask[row + x] = true;
                        n++;
                        int lx = x - x0;
                        int ly = y - y0;
                        sx += lx;
                        sy += ly;
                        sxx += (double) lx * lx;
                        syy += (double) ly * ly;
                        sxy += (double) lx * ly;
                        rowMin[y - y0] = Math.min(rowMin[y - y0], x);
                        rowMax[y - y0] = Math.max(rowMax[y - y0], x);
                        border |= x == 0 || y == 0 || x == width - 1 || y == height - 1;
                    }
                }
            }
            if (n == 0) {
                return null;
            }
            double mx = sx / n;
            double my = sy / n;
            double cxx = sxx / n - mx * mx + 1.0 / 12;
            double cyy = syy / n - my * my + 1.0 / 12;
            double cxy = sxy / n - mx * my;
            double half = (cxx + cyy) / 2;
            double root = Math.sqrt((cxx - cyy) * (cxx - cyy) / 4 + cxy * cxy);
            double major = 4 * Math.sqrt(half + root);
            double minor = 4 * Math.sqrt(Math.max(0, half - root));

            double[] px = new double[rows * 4];
            double[] py = new double[rows * 4];
            int m = 0;
            for (int r = 0; r < rows; r++) {
                if (rowMin[r] > rowMax[r]) {
                    continue;
                }
                double y = y0 + r;
                px[m] = rowMin[r] - 0.5;
                py[m++] = y - 0.5;
                px[m] = rowMin[r] - 0.5;
                py[m++] = y + 0.5;
                px[m] = rowMax[r] + 0.5;
                py[m++] = y - 0.5;
                px[m] = rowMax[r] + 0.5;
                py[m++] = y + 0.5;
            }
            double feret = Geometry.diameter(px, py, m);
            int[] holes = holes(shape, x0, x1, y0, y1);
            return new TruthObject(
                    shape.kind,
                    x0 + mx,
                    y0 + my,
                    n,
                    Math.sqrt(4.0 * n / Math.PI),
                    feret,
                    shape.orientationDegrees(),
                    major,
                    minor,
                    shape.expectedClass(),
                    border,
                    shape.nominalMaxFeret(),
                    holes[0],
                    holes[1]);
        }

        /**
         * The shape's holes within its (clipped) box: {number, pixels} of the 4-connected components of its
         * complement that do not reach the box's padding, by flood fill from that padding.
         */
        private static int[] holes(Shape shape, int x0, int x1, int y0, int y1) {
            int w = x1 - x0 + 3;
            int h = y1 - y0 + 3;
            byte[] state = new byte[w * h]; // 0 background, 1 object, 2 reached from outside
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    if (shape.inside(x - shape.cx, y - shape.cy)) {
                        state[(y - y0 + 1) * w + (x - x0 + 1)] = 1;
                    }
                }
            }
            int[] queue = new int[w * h];
            int head = 0;
            int tail = 0;
            state[0] = 2;
            queue[tail++] = 0;
            while (head < tail) {
                int i = queue[head++];
                int x = i % w;
                int y = i / w;
                int[] next = {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1};
                for (int j : next) {
                    if (j >= 0 && state[j] == 0) {
                        state[j] = 2;
                        queue[tail++] = j;
                    }
                }
            }
            int count = 0;
            int area = 0;
            for (int i = 0; i < state.length; i++) {
                if (state[i] != 0) {
                    continue;
                }
                count++;
                head = 0;
                tail = 0;
                state[i] = 3;
                queue[tail++] = i;
                while (head < tail) {
                    int k = queue[head++];
                    area++;
                    int x = k % w;
                    int y = k / w;
                    int[] next = {x > 0 ? k - 1 : -1, x < w - 1 ? k + 1 : -1, y > 0 ? k - w : -1, y < h - 1 ? k + w : -1
                    };
                    for (int j : next) {
                        if (j >= 0 && state[j] == 0) {
                            state[j] = 3;
                            queue[tail++] = j;
                        }
                    }
                }
            }
            return new int[] {count, area};
        }
    }

    /** A continuous shape centred at (cx, cy); long axis at angle theta (radians, counter-clockwise, y up). */
    private static final class Shape {
        final PaintedShape kind;
        final double a; // semi-major / half length / r0
        final double b; // semi-minor / half width / lobe amplitude
        final int lobes;
        final double phase;
        final double cos;
        final double sin;
        final double theta;
        final double radius; // bound on the distance of any inside point from the centre
        double cx;
        double cy;

        private Shape(PaintedShape kind, double a, double b, int lobes, double phase, double theta, double radius) {
            this.kind = kind;
            this.a = a;
            this.b = b;
            this.lobes = lobes;
            this.phase = phase;
            this.theta = theta;
            this.cos = Math.cos(theta);
            this.sin = Math.sin(theta);
            this.radius = radius;
        }

        static Shape random(PaintedShape kind, double size, SplittableRandom random, Builder settings) {
            double theta = (random.nextDouble() - 0.5) * Math.PI;
            switch (kind) {
                case DISC:
                    return new Shape(kind, size / 2, size / 2, 0, 0, 0, size / 2);
                case ELLIPSE: {
                    double ratio = uniform(random, settings.minEllipseRatio, settings.maxEllipseRatio);
                    double major = Math.max(size, MIN_THICKNESS * ratio);
                    return new Shape(kind, major / 2, major / 2 / ratio, 0, 0, theta, major / 2);
                }
                case RECTANGLE:
                case BAR: {
                    double aspect = kind == PaintedShape.BAR
                            ? uniform(random, settings.minBarAspect, settings.maxBarAspect)
                            : uniform(random, settings.minRectangleAspect, settings.maxRectangleAspect);
                    double length = Math.max(size, MIN_THICKNESS * aspect);
                    double l = length / 2;
                    double w = length / 2 / aspect;
                    return new Shape(kind, l, w, 0, 0, theta, Math.hypot(l, w));
                }
                case RING: {
                    double inner = size / 2 * uniform(random, 0.4, 0.6);
                    return new Shape(kind, size / 2, inner, 0, 0, 0, size / 2);
                }
                case BLOB: {
                    double amplitude = uniform(random, 0.3, 0.45);
                    int k = 3 + random.nextInt(4);
                    double phase = random.nextDouble() * 2 * Math.PI;
                    double r0 = size / 2 / (1 + amplitude);
                    return new Shape(kind, r0, amplitude, k, phase, 0, size / 2);
                }
                default:
                    throw new IllegalStateException(kind.toString());
            }
        }

        private static double uniform(SplittableRandom random, double min, double max) {
            return min + random.nextDouble() * (max - min);
        }

        /** Whether the point at image offset (dx, dy) from the centre (rows growing downwards) is inside. */
        boolean inside(double dx, double dy) {
            double u = dx * cos - dy * sin;
            double v = -dx * sin - dy * cos;
            switch (kind) {
                case DISC:
                    return dx * dx + dy * dy <= a * a;
                case RING: {
                    double r2 = dx * dx + dy * dy;
                    return r2 <= a * a && r2 > b * b;
                }
                case ELLIPSE:
                    return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
                case RECTANGLE:
                case BAR:
                    return Math.abs(u) <= a && Math.abs(v) <= b;
                case BLOB: {
                    double r = a * (1 + b * Math.sin(lobes * Math.atan2(v, u) + phase));
                    return u * u + v * v <= r * r;
                }
                default:
                    return false;
            }
        }

        /** Half the shape's smallest width (disc and ring: radius; ellipse, rectangle, bar: b; blob: r0 (1 - a)). */
        double halfWidth() {
            switch (kind) {
                case DISC:
                case RING:
                    return a;
                case BLOB:
                    return a * (1 - b);
                default:
                    return b;
            }
        }

        double orientationDegrees() {
            if (kind == PaintedShape.DISC || kind == PaintedShape.BLOB || kind == PaintedShape.RING) {
                return Double.NaN;
            }
            double degrees = Math.toDegrees(theta);
            return degrees <= -90 ? degrees + 180 : degrees;
        }

        double nominalMaxFeret() {
            switch (kind) {
                case DISC:
                case RING:
                case ELLIPSE:
                    return 2 * a;
                case RECTANGLE:
                case BAR:
                    return 2 * Math.hypot(a, b);
                default: {
                    int n = 512;
                    double[] xs = new double[n];
                    double[] ys = new double[n];
                    for (int i = 0; i < n; i++) {
                        double t = 2 * Math.PI * i / n;
                        double r = a * (1 + b * Math.sin(lobes * t + phase));
                        xs[i] = r * Math.cos(t);
                        ys[i] = r * Math.sin(t);
                    }
                    return Geometry.diameter(xs, ys, n);
                }
            }
        }

        String expectedClass() {
            switch (kind) {
                case DISC:
                case RING:
                    return "round";
                case ELLIPSE:
                    return a / b >= 2.5 ? "elongated" : null;
                case BAR:
                    return "elongated";
                case RECTANGLE:
                    return "rectangular";
                default:
                    return "irregular";
            }
        }
    }

    /** Small planar geometry helpers. */
    static final class Geometry {

        private Geometry() {}

        /**
         * Diameter (largest pairwise distance) of a point set: convex hull by Andrew's monotone chain,
         * then every pair of hull vertices (hulls here have at most a few hundred vertices).
         */
        static double diameter(double[] xs, double[] ys, int n) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (p, q) -> xs[p] != xs[q] ? Double.compare(xs[p], xs[q]) : Double.compare(ys[p], ys[q]));
            int[] hull = new int[2 * n + 1];
            int k = 0;
            for (int i = 0; i < n; i++) {
                while (k >= 2 && cross(xs, ys, hull[k - 2], hull[k - 1], order[i]) <= 0) {
                    k--;
                }
                hull[k++] = order[i];
            }
            for (int i = n - 2, lower = k + 1; i >= 0; i--) {
                while (k >= lower && cross(xs, ys, hull[k - 2], hull[k - 1], order[i]) <= 0) {
                    k--;
                }
                hull[k++] = order[i];
            }
            double best = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    double dx = xs[hull[i]] - xs[hull[j]];
                    double dy = ys[hull[i]] - ys[hull[j]];
                    best = Math.max(best, dx * dx + dy * dy);
                }
            }
            return Math.sqrt(best);
        }

        private static double cross(double[] xs, double[] ys, int o, int a, int b) {
            return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
        }
    }
}

package dev.framepipe.sizing;

import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.detection.DiameterRange;
import dev.framepipe.detection.Polarity;
import dev.framepipe.detection.PolarityRule;
import dev.framepipe.detection.Runs;
import dev.framepipe.detection.Split;
import dev.framepipe.detection.ThresholdMethod;
import dev.framepipe.frame.Frame;
import java.util.Arrays;
import java.util.List;

/**
 * Detector output for stage unit tests: continuous shapes sampled at pixel centres (a pixel belongs to
 * the shape when its centre is inside), painted on a frame and described by the production detector, so
 * every field (the perimeter with its {@code +pi}, the moments, the runs) is what production gives for
 * that raster. Angles are degrees, counter-clockwise with y up.
 */
public final class RasterShapes {

    /** Object grey level written into {@code intensitySum}. */
    public static final int OBJECT_LEVEL = 200;
    /** Background mean reported by {@link #detection}. */
    public static final double BACKGROUND_LEVEL = 40;

    /** The fixed threshold level, between the two; {@link #detection} reports it. */
    public static final int THRESHOLD = (OBJECT_LEVEL + (int) BACKGROUND_LEVEL) / 2;

    /** The production detector's settings that see every painted pixel and nothing else. */
    private static final DetectorProperties SETTINGS = new DetectorProperties(
            ThresholdMethod.FIXED,
            THRESHOLD,
            151,
            Polarity.BRIGHT,
            8,
            true,
            Split.NONE,
            new DiameterRange(10, 200),
            1,
            0,
            false,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE);

    private static final Detector DETECTOR = Detectors.create(SETTINGS);

    private RasterShapes() {}

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

    /**
     * Describes all set pixels of the mask as one object, exactly as production does: the mask is painted at
     * {@link #OBJECT_LEVEL} on {@link #BACKGROUND_LEVEL} and the real detector (fixed level between the two,
     * 8-connectivity, holes filled, every object kept) describes it, perimeter included.
     *
     * @throws IllegalArgumentException when the mask is empty or not one 8-connected object
     */
    public static DetectedObject fromMask(int id, boolean[] mask, int width, int height) {
        byte[] gray = new byte[width * height];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (mask[i] ? OBJECT_LEVEL : BACKGROUND_LEVEL);
        }
        List<DetectedObject> found =
                DETECTOR.detect(new Frame(width, height, gray)).objects();
        if (found.size() != 1) {
            throw new IllegalArgumentException("the mask is " + found.size() + " objects, not one");
        }
        DetectedObject o = found.get(0);
        return new DetectedObject(
                id,
                o.box(),
                o.moments(),
                o.perimeter(),
                o.touchesBorder(),
                o.intensitySum(),
                o.runs(),
                o.holes(),
                o.holeArea());
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
                Arrays.fill(
                        gray,
                        runs.y(i) * detection.frameWidth() + runs.x0(i),
                        runs.y(i) * detection.frameWidth() + runs.x1(i),
                        (byte) OBJECT_LEVEL);
            }
        }
        return new Frame(detection.frameWidth(), detection.frameHeight(), gray);
    }

    /** The objects as one frame's detection, with the settings {@link #fromMask} detected them by. */
    public static Detection detection(int width, int height, DetectedObject... objects) {
        return new Detection(
                width,
                height,
                THRESHOLD,
                Polarity.BRIGHT,
                BACKGROUND_LEVEL,
                List.of(objects),
                false,
                ThresholdMethod.FIXED,
                PolarityRule.CONFIGURED,
                SETTINGS.options());
    }
}

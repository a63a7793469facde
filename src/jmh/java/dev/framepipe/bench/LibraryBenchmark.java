package dev.framepipe.bench;

import boofcv.alg.filter.binary.BinaryImageOps;
import boofcv.alg.filter.binary.Contour;
import boofcv.alg.filter.binary.GThresholdImageOps;
import boofcv.alg.filter.binary.ThresholdImageOps;
import boofcv.struct.ConnectRule;
import boofcv.struct.image.GrayS32;
import boofcv.struct.image.GrayU8;
import dev.framepipe.detection.DetectedObject;
import dev.framepipe.detection.Detection;
import dev.framepipe.detection.Detector;
import dev.framepipe.detection.DetectorProperties;
import dev.framepipe.detection.Detectors;
import dev.framepipe.detection.Runs;
import dev.framepipe.frame.Frame;
import dev.framepipe.geometry.PixelHull;
import georegression.fitting.polygon.ConvexHullAndrewMonotone_F64;
import georegression.struct.point.Point2D_F64;
import georegression.struct.shapes.Polygon2D_F64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ddogleg.struct.DogArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hand-written parts against the library versions they replace, in the same run (README "How the
 * analysis works"): the fused detector against BoofCV's Otsu threshold, binary threshold, contour
 * labeling (Chang 2004) and a pass over the label image for the same per-object statistics; and the
 * run-based convex hull with calipers against georegression's Andrew monotone chain on the same
 * object's pixel-square corners. BoofCV is given its {@code GrayU8} ready-made (the copy from the
 * frame is not timed), which favours the library.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LibraryBenchmark {

    @Param({"640x480/30", "1920x1080/30"})
    public String scene;

    private final Detector detector = Detectors.create(DetectorProperties.defaults());
    private Frame frame;
    private List<DetectedObject> objects;
    private GrayU8 gray;
    private GrayU8 binary;
    private GrayS32 labels;
    private final ConvexHullAndrewMonotone_F64 hullAlgorithm = new ConvexHullAndrewMonotone_F64();
    private final DogArray<Point2D_F64> cloud = new DogArray<>(Point2D_F64::new);
    private final Polygon2D_F64 polygon = new Polygon2D_F64();

    @Setup
    public void setUp() {
        frame = Scenes.frame(scene);
        objects = detector.detect(frame).objects();
        gray = new GrayU8(frame.width(), frame.height());
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                gray.set(x, y, frame.luminance(x, y));
            }
        }
        binary = new GrayU8(frame.width(), frame.height());
        labels = new GrayS32(frame.width(), frame.height());
    }

    @Benchmark
    public Detection detectFramePipe() {
        return detector.detect(frame);
    }

    @Benchmark
    public long detectBoofCv() {
        int threshold = (int) GThresholdImageOps.computeOtsu(gray, 0, 255);
        ThresholdImageOps.threshold(gray, binary, threshold, false);
        List<Contour> contours = BinaryImageOps.contour(binary, ConnectRule.EIGHT, labels);
        int n = contours.size() + 1;
        long[] area = new long[n];
        long[] sumX = new long[n];
        long[] sumY = new long[n];
        long[] sumXX = new long[n];
        long[] sumYY = new long[n];
        long[] sumXY = new long[n];
        long[] sumI = new long[n];
        int[] minX = new int[n];
        int[] maxX = new int[n];
        int[] minY = new int[n];
        int[] maxY = new int[n];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(minY, Integer.MAX_VALUE);
        for (int y = 0; y < labels.height; y++) {
            for (int x = 0; x < labels.width; x++) {
                int label = labels.data[labels.startIndex + y * labels.stride + x];
                if (label > 0) {
                    area[label]++;
                    sumX[label] += x;
                    sumY[label] += y;
                    sumXX[label] += (long) x * x;
                    sumYY[label] += (long) y * y;
                    sumXY[label] += (long) x * y;
                    sumI[label] += gray.data[gray.startIndex + y * gray.stride + x] & 0xFF;
                    minX[label] = Math.min(minX[label], x);
                    maxX[label] = Math.max(maxX[label], x);
                    minY[label] = Math.min(minY[label], y);
                    maxY[label] = Math.max(maxY[label], y);
                }
            }
        }
        long check = 0;
        for (int i = 1; i < n; i++) {
            check += area[i]
                    + sumX[i]
                    + sumY[i]
                    + sumXX[i]
                    + sumYY[i]
                    + sumXY[i]
                    + sumI[i]
                    + minX[i]
                    + maxX[i]
                    + minY[i]
                    + maxY[i]
                    + contours.get(i - 1).external.size();
        }
        return check;
    }

    @Benchmark
    public double hullFramePipe() {
        double sum = 0;
        for (DetectedObject object : objects) {
            PixelHull hull = PixelHull.of(object.runs());
            sum += hull.area() + hull.maxFeret() + hull.minFeret();
        }
        return sum;
    }

    /** Hull only (no calipers) from the library, on the four corners of every run. */
    @Benchmark
    public double hullGeoregression() {
        double sum = 0;
        for (DetectedObject object : objects) {
            Runs runs = object.runs();
            cloud.reset();
            for (int i = 0; i < runs.count(); i++) {
                int y = runs.y(i);
                cloud.grow().setTo(runs.x0(i), y);
                cloud.grow().setTo(runs.x1(i), y);
                cloud.grow().setTo(runs.x0(i), y + 1);
                cloud.grow().setTo(runs.x1(i), y + 1);
            }
            hullAlgorithm.process(cloud, polygon);
            sum += polygon.areaSimple();
        }
        return sum;
    }
}

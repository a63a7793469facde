package dev.framepipe.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.framepipe.detection.Runs;
import georegression.fitting.polygon.ConvexHullAndrewMonotone_F64;
import georegression.struct.point.Point2D_F64;
import georegression.struct.shapes.Polygon2D_F64;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ddogleg.struct.DogArray;
import org.junit.jupiter.api.Test;

class PixelHullTests {

    @Test
    void singlePixelIsAUnitSquare() {
        PixelHull hull = PixelHull.of(new Runs(new int[] {7, 3, 4}));

        assertThat(hull.vertexCount()).isEqualTo(4);
        assertThat(hull.area()).isEqualTo(1);
        assertThat(hull.perimeter()).isEqualTo(4);
        assertThat(hull.maxFeret()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(hull.minFeret()).isEqualTo(1);
        assertThat(hull.minRectangleArea()).isCloseTo(1, within(1e-12));
    }

    @Test
    void singleRowIsAThinRectangle() {
        PixelHull hull = PixelHull.of(new Runs(new int[] {2, 10, 15}));

        assertThat(hull.vertexCount()).isEqualTo(4);
        assertThat(hull.area()).isEqualTo(5);
        assertThat(hull.maxFeret()).isCloseTo(Math.sqrt(26), within(1e-12));
        assertThat(hull.minFeret()).isCloseTo(1, within(1e-12));
    }

    @Test
    void emptyRunsGiveEmptyHull() {
        PixelHull hull = PixelHull.of(new Runs(new int[0]));

        assertThat(hull.vertexCount()).isZero();
        assertThat(hull.area()).isZero();
        assertThat(hull.maxFeret()).isZero();
    }

    @Test
    void coversSeveralRunsPerRowAndGaps() {
        // Row 0: x 0..1 and 5..6; row 1 empty; row 2: x 2..3. Hull corners (0,0) (7,0) (7,1) (4,3) (2,3) (0,1).
        PixelHull hull = PixelHull.of(new Runs(new int[] {0, 0, 2, 0, 5, 7, 2, 2, 4}));

        assertThat(hull.vertexCount()).isEqualTo(6);
        assertThat(hull.area()).isEqualTo(16); // shoelace over those six corners
    }

    @Test
    void agreesWithGeoregressionOnRandomPointSets() {
        SplittableRandom random = new SplittableRandom(11);
        ConvexHullAndrewMonotone_F64 reference = new ConvexHullAndrewMonotone_F64();
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(60);
            int range = 2 + random.nextInt(trial % 2 == 0 ? 8 : 200); // small ranges force collinear points
            long[][] points = new long[n][];
            for (int i = 0; i < n; i++) {
                points[i] = new long[] {random.nextInt(range), random.nextInt(range)};
            }
            java.util.Arrays.sort(points, (p, q) -> p[1] != q[1] ? Long.compare(p[1], q[1]) : Long.compare(p[0], q[0]));
            long[] xs = new long[n];
            long[] ys = new long[n];
            DogArray<Point2D_F64> cloud = new DogArray<>(Point2D_F64::new);
            for (int i = 0; i < n; i++) {
                xs[i] = points[i][0];
                ys[i] = points[i][1];
                cloud.grow().setTo(xs[i], ys[i]);
            }
            PixelHull hull = PixelHull.monotoneChain(xs, ys, n);
            Polygon2D_F64 expected = new Polygon2D_F64();
            reference.process(cloud, expected);

            assertThat(hull.area()).as("trial %d", trial).isCloseTo(Math.abs(expected.areaSimple()), within(1e-9));
            assertThat(vertexSet(hull)).as("trial %d", trial).isSubsetOf(referenceVertexSet(expected));
        }
    }

    @Test
    void calipersAgreeWithBruteForceOnRandomObjects() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(trial % 3 == 0 ? 4 : 40);
            List<Integer> triples = new ArrayList<>();
            for (int y = 0; y < rows; y++) {
                int runsInRow = 1 + random.nextInt(3);
                int x = random.nextInt(30);
                for (int r = 0; r < runsInRow; r++) {
                    int length = 1 + random.nextInt(trial % 2 == 0 ? 3 : 25);
                    triples.add(y + 3);
                    triples.add(x);
                    triples.add(x + length);
                    x += length + 1 + random.nextInt(5);
                }
            }
            Runs runs = new Runs(triples.stream().mapToInt(Integer::intValue).toArray());
            PixelHull hull = PixelHull.of(runs);

            double[][] corners = corners(runs);
            assertThat(hull.maxFeret()).as("trial %d", trial).isCloseTo(bruteDiameter(corners), within(1e-9));
            double[] widthAndRect = bruteWidthAndRectangle(hull, corners);
            assertThat(hull.minFeret()).as("trial %d", trial).isCloseTo(widthAndRect[0], within(1e-9));
            assertThat(hull.minRectangleArea()).as("trial %d", trial).isCloseTo(widthAndRect[1], within(1e-6));
        }
    }

    private static List<String> vertexSet(PixelHull hull) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < hull.vertexCount(); i++) {
            set.add(hull.x(i) + "," + hull.y(i));
        }
        return set;
    }

    private static List<String> referenceVertexSet(Polygon2D_F64 polygon) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < polygon.size(); i++) {
            set.add((long) polygon.get(i).x + "," + (long) polygon.get(i).y);
        }
        return set;
    }

    private static double[][] corners(Runs runs) {
        double[][] corners = new double[4 * runs.count()][];
        for (int i = 0; i < runs.count(); i++) {
            corners[4 * i] = new double[] {runs.x0(i), runs.y(i)};
            corners[4 * i + 1] = new double[] {runs.x1(i), runs.y(i)};
            corners[4 * i + 2] = new double[] {runs.x0(i), runs.y(i) + 1};
            corners[4 * i + 3] = new double[] {runs.x1(i), runs.y(i) + 1};
        }
        return corners;
    }

    private static double bruteDiameter(double[][] points) {
        double best = 0;
        for (double[] p : points) {
            for (double[] q : points) {
                best = Math.max(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
            }
        }
        return best;
    }

    /** Width and enclosing-rectangle area over every hull edge direction, projecting every corner. */
    private static double[] bruteWidthAndRectangle(PixelHull hull, double[][] points) {
        double width = Double.MAX_VALUE;
        double rect = Double.MAX_VALUE;
        int h = hull.vertexCount();
        for (int i = 0; i < h; i++) {
            int j = (i + 1) % h;
            double ex = hull.x(j) - hull.x(i);
            double ey = hull.y(j) - hull.y(i);
            double len = Math.hypot(ex, ey);
            double minU = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            for (double[] p : points) {
                double u = (ex * p[0] + ey * p[1]) / len;
                double v = (-ey * p[0] + ex * p[1]) / len;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            width = Math.min(width, maxV - minV);
            rect = Math.min(rect, (maxU - minU) * (maxV - minV));
        }
        return new double[] {width, rect};
    }
}

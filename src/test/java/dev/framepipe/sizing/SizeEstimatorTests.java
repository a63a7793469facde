package dev.framepipe.sizing;

import static dev.framepipe.sizing.RasterShapes.detection;
import static dev.framepipe.sizing.RasterShapes.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.framepipe.detection.DetectedObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SizeEstimatorTests {

    private final SizeEstimator estimator = SizeEstimators.create(SizingProperties.uncalibrated());

    private ObjectSize sizeOf(RasterShapes.Shape shape, double cx, double cy, int frame) {
        List<ObjectSize> sizes = estimator.estimate(detection(frame, frame, object(1, shape, cx, cy, frame, frame)));
        assertThat(sizes).hasSize(1);
        return sizes.get(0);
    }

    @Test
    void measuresDiscLikeItsDiameter() {
        ObjectSize size = sizeOf(RasterShapes.disc(40), 50.3, 49.6, 100);

        assertThat(size.area()).isCloseTo(Math.PI * 400, withinPercentage(1));
        assertThat(size.equivalentDiameter()).isCloseTo(40, withinPercentage(0.5));
        assertThat(size.ellipse().majorAxis()).isCloseTo(40, withinPercentage(1));
        assertThat(size.ellipse().minorAxis()).isCloseTo(40, withinPercentage(1));
        // The hull of the pixel squares reaches half a pixel (up to half a diagonal) beyond the centres.
        assertThat(size.feret().maxFeret()).isBetween(40.3, 41.5);
        assertThat(size.feret().minFeret()).isBetween(40.0, 41.5);
        assertThat(size.convexHull().convexHullArea()).isBetween(size.area(), Math.PI * 20.8 * 20.8);
        assertThat(size.mm()).isNull();
    }

    @Test
    void measuresAxisAlignedSquareExactly() {
        ObjectSize size = sizeOf(RasterShapes.rectangle(20, 20, 0), 30.3, 30.3, 60);

        assertThat(size.area()).isEqualTo(400);
        assertThat(size.convexHull().convexHullArea()).isEqualTo(400);
        assertThat(size.convexHull().convexHullVertices()).isEqualTo(4);
        assertThat(size.feret().maxFeret()).isCloseTo(20 * Math.sqrt(2), within(1e-9));
        assertThat(size.feret().minFeret()).isCloseTo(20, within(1e-9));
        // Pixel squares: variance L^2/12 per axis, so both axes are 4 sqrt(L^2/12) = 2L/sqrt 3.
        assertThat(size.ellipse().majorAxis()).isCloseTo(40 / Math.sqrt(3), within(1e-9));
        assertThat(size.ellipse().minorAxis()).isCloseTo(40 / Math.sqrt(3), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-75, -30, 0, 17, 45, 60, 89})
    void measuresRotatedRectangle(double degrees) {
        ObjectSize size = sizeOf(RasterShapes.rectangle(60, 15, degrees), 50.4, 50.7, 100);

        assertThat(size.area()).isCloseTo(900, withinPercentage(3));
        assertThat(size.ellipse().orientation()).isCloseTo(degrees, within(1.0));
        assertThat(size.ellipse().majorAxis()).isCloseTo(120 / Math.sqrt(3), withinPercentage(2));
        assertThat(size.ellipse().minorAxis()).isCloseTo(30 / Math.sqrt(3), withinPercentage(6));
        assertThat(size.feret().maxFeret()).isBetween(Math.hypot(60, 15) - 1, Math.hypot(60, 15) + 1.5);
        assertThat(size.feret().minFeret()).isBetween(14.0, 16.5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-89, -50, -10, 0, 33, 70, 90})
    void measuresEllipseAxesAndAngle(double degrees) {
        ObjectSize size = sizeOf(RasterShapes.ellipse(60, 20, degrees), 50.2, 49.9, 100);

        assertThat(size.ellipse().majorAxis()).isCloseTo(60, withinPercentage(1.5));
        assertThat(size.ellipse().minorAxis()).isCloseTo(20, withinPercentage(3));
        double error = Math.abs(size.ellipse().orientation() - degrees);
        assertThat(Math.min(error, 180 - error)).isLessThan(1.0);
        assertThat(size.ellipse().orientation()).isGreaterThan(-90).isLessThanOrEqualTo(90);
        assertThat(size.feret().maxFeret()).isBetween(60.0, 61.5);
    }

    @Test
    void reportsVerticalOrientationAsPlusNinety() {
        ObjectSize size = sizeOf(RasterShapes.rectangle(30, 6, 90), 20.5, 20.5, 40);

        assertThat(size.ellipse().orientation()).isEqualTo(90);
    }

    @Test
    void measuresUpwardDiagonalAsPositiveAngle() {
        // Pixels (0,2), (1,1), (2,0): rising to the right on screen, i.e. +45 degrees with y up.
        boolean[] mask = new boolean[9];
        mask[6] = mask[4] = mask[2] = true;
        ObjectSize size = estimator
                .estimate(detection(3, 3, RasterShapes.fromMask(1, mask, 3, 3)))
                .get(0);

        assertThat(size.ellipse().orientation()).isCloseTo(45, within(1e-9));
    }

    @Test
    void scalesLengthsAndAreaToMillimetres() {
        DetectedObject disc = object(1, RasterShapes.disc(30), 25.5, 25.5, 50, 50);
        ObjectSize pixels = estimator.estimate(detection(50, 50, disc)).get(0);

        ObjectSize scaled = SizeEstimators.create(new SizingProperties(0.05))
                .estimate(detection(50, 50, disc))
                .get(0);

        assertThat(scaled.area()).isEqualTo(pixels.area());
        assertThat(scaled.mm()).isNotNull();
        assertThat(scaled.mm().area()).isCloseTo(pixels.area() * 0.0025, within(1e-9));
        assertThat(scaled.mm().equivalentDiameter()).isCloseTo(pixels.equivalentDiameter() * 0.05, within(1e-9));
        assertThat(scaled.mm().majorAxis()).isCloseTo(pixels.ellipse().majorAxis() * 0.05, within(1e-9));
        assertThat(scaled.mm().minorAxis()).isCloseTo(pixels.ellipse().minorAxis() * 0.05, within(1e-9));
        assertThat(scaled.mm().maxFeret()).isCloseTo(pixels.feret().maxFeret() * 0.05, within(1e-9));
        assertThat(scaled.mm().minFeret()).isCloseTo(pixels.feret().minFeret() * 0.05, within(1e-9));
    }

    @Test
    void measuresSinglePixel() {
        boolean[] mask = {false, false, false, false, true, false, false, false, false};
        ObjectSize size = estimator
                .estimate(detection(3, 3, RasterShapes.fromMask(1, mask, 3, 3)))
                .get(0);

        assertThat(size.area()).isEqualTo(1);
        assertThat(size.convexHull().convexHullArea()).isEqualTo(1);
        assertThat(size.convexHull().convexHullVertices()).isEqualTo(4);
        assertThat(size.feret().maxFeret()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(size.feret().minFeret()).isEqualTo(1);
        assertThat(size.ellipse().majorAxis()).isCloseTo(4 / Math.sqrt(12), within(1e-12));
    }
}

package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.Frame;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code max-runs}: labeling stops at the bound with a truncated result; below it nothing changes. */
class RunBoundTests {

    /** Every labelled run kept as it was labelled (no hole filling, every object kept), so runs can be counted. */
    private static DetectorProperties withMaxRuns(int maxRuns) {
        DetectorProperties d = DetectorProperties.defaults();
        return new DetectorProperties(
                d.thresholdMethod(),
                d.thresholdLevel(),
                d.localWindow(),
                d.polarity(),
                d.connectivity(),
                false,
                d.split(),
                d.objectDiameter(),
                1,
                d.maxArea(),
                d.excludeBorder(),
                Integer.MAX_VALUE,
                maxRuns);
    }

    private static Frame noise(int width, int height, long seed) {
        byte[] gray = new byte[width * height];
        new Random(seed).nextBytes(gray);
        return new Frame(width, height, gray);
    }

    @Test
    void stopsLabelingNoiseAtTheRunBoundAndReportsTruncated() {
        Frame frame = noise(512, 512, 1);
        Detection bounded = Detectors.create(withMaxRuns(1000)).detect(frame);
        Detection unbounded = Detectors.create(withMaxRuns(Integer.MAX_VALUE)).detect(frame);

        assertThat(unbounded.truncated()).isFalse();
        long unboundedRuns =
                unbounded.objects().stream().mapToLong(o -> o.runs().count()).sum();
        assertThat(unboundedRuns).as("noise has far more runs than the bound").isGreaterThan(10_000);
        assertThat(bounded.truncated()).isTrue();
        long runs = bounded.objects().stream().mapToLong(o -> o.runs().count()).sum();
        assertThat(runs).isPositive().isLessThanOrEqualTo(1000);
        int lastRow = bounded.objects().stream()
                .mapToInt(o -> o.box().y() + o.box().height() - 1)
                .max()
                .orElseThrow();
        assertThat(lastRow).as("only the rows above the bound are labelled").isLessThan(frame.height() / 4);
    }

    @Test
    void framesWithinTheBoundGetTheSameDetectionAsWithoutIt() {
        for (long seed = 0; seed < 20; seed++) {
            Frame frame = noise(64, 48, seed);
            Detection unbounded =
                    Detectors.create(withMaxRuns(Integer.MAX_VALUE)).detect(frame);
            int runs = (int) unbounded.objects().stream()
                    .mapToLong(o -> o.runs().count())
                    .sum();
            Detection exact = Detectors.create(withMaxRuns(runs + 1)).detect(frame);
            assertThat(exact.truncated()).isFalse();
            assertThat(exact.objects()).isEqualTo(unbounded.objects());
        }
    }

    @Test
    void scratchBytesAreBoundedByTheRunLimitAndByThePixels() {
        DetectorProperties properties = withMaxRuns(1000);
        assertThat(properties.scratchBytes(100)).isEqualTo(DetectorProperties.BYTES_PER_RUN * 51);
        assertThat(properties.scratchBytes(4096L * 4096)).isEqualTo(DetectorProperties.BYTES_PER_RUN * 1000);
    }
}

package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link EuclideanDistanceTransform} against the brute-force nearest background pixel. */
class EuclideanDistanceTransformTests {

    @Test
    void equalsTheBruteForceDistanceOnRandomMasks() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 40; round++) {
            int w = 5 + random.nextInt(30);
            int h = 5 + random.nextInt(30);
            byte[] mask = new byte[w * h];
            double density = 0.5 + 0.45 * random.nextDouble();
            for (int i = 0; i < mask.length; i++) {
                mask[i] = (byte) (random.nextDouble() < density ? 1 : 0);
            }
            mask[random.nextInt(mask.length)] = 0;
            double[] d = EuclideanDistanceTransform.distances(mask, w, h);
            for (int i = 0; i < mask.length; i++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < mask.length; j++) {
                    if (mask[j] == 0) {
                        best = Math.min(best, Math.hypot(i % w - j % w, i / w - j / w));
                    }
                }
                assertThat(d[i]).as("round %d pixel %d", round, i).isCloseTo(best, within(1e-9));
            }
        }
    }
}

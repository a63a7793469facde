package dev.framepipe.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framepipe.frame.Frame;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The eight-pixels-at-a-time background test agrees with a byte-by-byte one. */
class WordScanTests {

    private static boolean anyAboveByteByByte(long word, int level) {
        for (int i = 0; i < 8; i++) {
            if (((word >>> (8 * i)) & 0xFF) > level) {
                return true;
            }
        }
        return false;
    }

    @Test
    void anyAboveAgreesWithAByteByByteTestForEveryLevel() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 4000; trial++) {
            long word = random.nextLong();
            if (trial % 4 == 1) {
                // Bytes near one value, so the levels around it are exercised.
                int base = random.nextInt(256);
                word = 0;
                for (int i = 0; i < 8; i++) {
                    word |= (long) Math.min(255, Math.max(0, base + random.nextInt(-2, 3))) << (8 * i);
                }
            }
            for (int level = -1; level <= 255; level++) {
                assertThat(RunLabeling.anyAbove(word, level))
                        .as("word %016x, level %d", word, level)
                        .isEqualTo(anyAboveByteByByte(word, level));
            }
        }
    }

    @Test
    void rowWordsHoldEightPixelsLowestColumnInTheLowestByte() {
        byte[] gray = new byte[32];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) (i * 7);
        }
        Frame frame = new Frame(16, 2, gray);
        byte[] row = new byte[16];
        frame.copyRow(1, row);
        long word = RunLabeling.word(row, 3);
        for (int i = 0; i < 8; i++) {
            assertThat((word >>> (8 * i)) & 0xFF).isEqualTo(frame.luminance(3 + i, 1));
        }
    }
}

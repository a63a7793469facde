package dev.framepipe.detection;

import dev.framepipe.frame.Frame;

/** Small literal frames for detector tests. */
final class Fixtures {

    private Fixtures() {}

    /** A frame from text rows: {@code #} is 255, anything else 0. */
    static Frame frame(String... rows) {
        int width = rows[0].length();
        byte[] gray = new byte[width * rows.length];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < width; x++) {
                gray[y * width + x] = rows[y].charAt(x) == '#' ? (byte) 255 : 0;
            }
        }
        return new Frame(width, rows.length, gray);
    }

    static DetectorProperties properties(
            ThresholdMethod method, int level, Polarity polarity, int connectivity, int minArea, int maxObjects) {
        return new DetectorProperties(method, level, polarity, connectivity, minArea, maxObjects);
    }

    /** Fixed level 127, bright objects, every component kept. */
    static DetectorProperties binary(int connectivity) {
        return new DetectorProperties(
                ThresholdMethod.FIXED,
                127,
                151,
                Polarity.BRIGHT,
                connectivity,
                false,
                Split.NONE,
                new DiameterRange(10, 200),
                1,
                0,
                false,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE);
    }
}

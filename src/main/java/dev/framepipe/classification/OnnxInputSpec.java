package dev.framepipe.classification;

import java.util.Map;

/**
 * What a learned model expects as input, read from the model's {@code metadata_props} with the
 * configured {@link ClassifierProperties.Input} as the fallback for every missing key:
 * {@code framepipe.input.size}, {@code framepipe.input.channels} (only 1 is fed),
 * {@code framepipe.input.margin}, {@code framepipe.input.mean}, {@code framepipe.input.std}.
 *
 * @param size     side of the square crop, pixels
 * @param channels planes per crop; 1
 * @param margin   see {@link MaskedCrop}
 * @param mean     subtracted from each crop value
 * @param std      then divided by this
 */
record OnnxInputSpec(int size, int channels, double margin, double mean, double std) {

    static final String SIZE = "framepipe.input.size";
    static final String CHANNELS = "framepipe.input.channels";
    static final String MARGIN = "framepipe.input.margin";
    static final String MEAN = "framepipe.input.mean";
    static final String STD = "framepipe.input.std";

    /** @throws IllegalArgumentException naming the key when a value is malformed or out of range */
    static OnnxInputSpec of(Map<String, String> metadata, ClassifierProperties.Input fallback) {
        int size = (int) number(metadata, SIZE, fallback.size());
        int channels = (int) number(metadata, CHANNELS, 1);
        double margin = number(metadata, MARGIN, fallback.margin());
        double mean = number(metadata, MEAN, fallback.mean());
        double std = number(metadata, STD, fallback.std());
        if (size < 4 || size > 512) {
            throw new IllegalArgumentException(SIZE + " must be in 4..512, is " + size);
        }
        if (!(margin >= 0 && margin <= 2)) {
            throw new IllegalArgumentException(MARGIN + " must be in 0..2, is " + margin);
        }
        if (!(std > 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException(STD + " must be positive and " + MEAN + " finite");
        }
        return new OnnxInputSpec(size, channels, margin, mean, std);
    }

    private static double number(Map<String, String> metadata, String key, double fallback) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + value + "'", e);
        }
    }
}

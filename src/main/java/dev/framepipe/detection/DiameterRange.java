package dev.framepipe.detection;

/**
 * The expected diameter of one object in pixels, CellProfiler's "typical diameter" ({@code MIN-MAX}).
 *
 * @param min smallest expected diameter, at least 2
 * @param max largest expected diameter, at least {@code min}
 */
public record DiameterRange(int min, int max) {

    public DiameterRange {
        if (min < 2 || max < min) {
            throw new IllegalArgumentException("expected MIN-MAX with 2 <= MIN <= MAX, was " + min + "-" + max);
        }
    }

    /**
     * Parses {@code MIN-MAX}, for example {@code 10-40}. Also the conversion Spring uses to bind it
     * from configuration.
     *
     * @throws IllegalArgumentException when the text is not two integers {@code 2 <= MIN <= MAX}
     */
    public static DiameterRange valueOf(String text) {
        String[] parts = text.trim().split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected MIN-MAX in pixels, for example 10-40, was '" + text + "'");
        }
        try {
            return new DiameterRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected MIN-MAX in pixels, for example 10-40, was '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}

package dev.framepipe.detection;

/**
 * A frame has more foreground runs than {@code framepipe.detector.max-runs} (HTTP 422): labeling
 * stopped early instead of growing its scratch without bound. Random noise does this; a real scene
 * with that many runs needs a higher limit (and the memory for it).
 */
public class TooManyRuns extends RuntimeException {

    private final int limit;

    public TooManyRuns(int limit, int width, int height) {
        super("the " + width + "x" + height + " frame has more than " + limit + " foreground runs"
                + " (framepipe.detector.max-runs); it looks like noise, not objects");
        this.limit = limit;
    }

    /** The limit that was reached. */
    public int limit() {
        return limit;
    }
}

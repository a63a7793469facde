package dev.framepipe.stats;

/** A new stream name would exceed {@code framepipe.stats.max-streams} (HTTP 400). */
public class StreamLimitReached extends RuntimeException {

    public StreamLimitReached(String message) {
        super(message);
    }
}

package dev.framepipe.stats;

/** The stream name does not match {@link Aggregator#STREAM_PATTERN} (HTTP 400). */
public class InvalidStreamName extends RuntimeException {

    public InvalidStreamName(String message) {
        super(message);
    }
}

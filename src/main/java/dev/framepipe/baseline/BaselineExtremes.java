package dev.framepipe.baseline;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The baseline aggregator: every frame's (largest size, smallest size), appended in arrival order, as
 * the Python controller appended them to its statistics. Unlike the Python list it is bounded: it keeps
 * the latest {@code capacity} pairs and counts all of them.
 *
 * <p>Thread-safe.
 */
public final class BaselineExtremes {

    private final int capacity;
    private final ArrayDeque<Pair> latest;
    private long frames;

    /** @param capacity pairs kept, at least 1 */
    public BaselineExtremes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.latest = new ArrayDeque<>(capacity);
    }

    /** Appends one frame's extremes. */
    public synchronized void append(long max, long min) {
        if (latest.size() == capacity) {
            latest.removeFirst();
        }
        latest.addLast(new Pair(max, min));
        frames++;
    }

    /** Frames appended since start. */
    public synchronized long frames() {
        return frames;
    }

    /** The latest pairs, oldest first. */
    public synchronized List<Pair> latest() {
        return List.copyOf(latest);
    }

    /**
     * One frame's extremes.
     *
     * @param max the largest object size on the frame
     * @param min the smallest object size on the frame
     */
    public record Pair(long max, long min) {}
}

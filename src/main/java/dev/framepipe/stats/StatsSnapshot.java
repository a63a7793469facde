package dev.framepipe.stats;

import java.util.Map;

/**
 * Statistics overall and per stream.
 *
 * @param overall every frame, whatever its stream
 * @param streams per stream name, sorted by name
 */
public record StatsSnapshot(StreamStatistics overall, Map<String, StreamStatistics> streams) {}

package dev.framepipe.stats;

import java.time.Instant;
import java.util.Map;

/**
 * A consistent snapshot of the statistics of one stream, or of all streams together.
 *
 * @param stream             the stream name, or {@code *} for the overall statistics
 * @param since              when counting began (first frame of the stream, start of the service, or last reset)
 * @param frames             frames by outcome
 * @param objects            objects found on analysed frames
 * @param objectsByClass     objects per class label ({@code unclassified} when the classifier failed)
 * @param objectsPerFrame    distribution of the object count per analysed frame
 * @param equivalentDiameter distribution of the objects' equivalent diameter, in pixels
 * @param fps                analysed frames per second
 * @param stageLatencyMicros distribution of each stage's time, in microseconds, by stage name
 */
public record StreamStatistics(
        String stream,
        Instant since,
        FrameCounts frames,
        long objects,
        Map<String, Long> objectsByClass,
        Summary objectsPerFrame,
        Summary equivalentDiameter,
        Fps fps,
        Map<String, Summary> stageLatencyMicros) {

    /**
     * Frames by outcome.
     *
     * @param ok       fully analysed
     * @param partial  analysed with one middle stage failed
     * @param rejected refused before analysis
     * @param failed   accepted but not analysed
     * @param total    the sum of the four
     */
    public record FrameCounts(long ok, long partial, long rejected, long failed, long total) {}

    /**
     * Analysed frames per second.
     *
     * @param current       over the sliding window (over the stream's age while it is younger)
     * @param windowSeconds the window's length
     * @param sinceStart    over the whole time since {@code since}
     */
    public record Fps(double current, double windowSeconds, double sinceStart) {}
}

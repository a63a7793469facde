package dev.framepipe.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The running statistics of one stream (or all streams); every method is synchronised. */
final class StreamAccumulator {

    private final String stream;
    private final Instant since;
    private final long sinceNanos;
    private final FpsWindow fps;
    private final long[] frames = new long[Outcome.values().length];
    /** Object count per label, in a one-element array so counting boxes nothing. */
    private final Map<String, long[]> objectsByClass = new TreeMap<>();

    private final LogHistogram objectsPerFrame = new LogHistogram();
    private final LogHistogram diameters = new LogHistogram();
    private final Map<String, LogHistogram> stageMicros = new LinkedHashMap<>();
    private long objects;
    private long firstFrameNanos = -1;

    StreamAccumulator(String stream, Duration fpsWindow, Instant since, long sinceNanos) {
        this.stream = stream;
        this.since = since;
        this.sinceNanos = sinceNanos;
        this.fps = new FpsWindow(fpsWindow);
    }

    synchronized void record(FrameObservation frame, long nowNanos) {
        frames[frame.outcome().ordinal()]++;
        if (firstFrameNanos < 0) {
            firstFrameNanos = nowNanos;
        }
        fps.add(nowNanos);
        objects += frame.objects().size();
        objectsPerFrame.add(frame.objects().size());
        for (FrameObservation.ObjectObservation object : frame.objects()) {
            String label = object.label() == null ? Aggregator.UNCLASSIFIED : object.label();
            objectsByClass.computeIfAbsent(label, l -> new long[1])[0]++;
            if (!Double.isNaN(object.equivalentDiameter())) {
                diameters.add(object.equivalentDiameter());
            }
        }
        frame.stageMicros().forEach((stage, micros) -> addStageMicros(stage, micros));
    }

    synchronized void addStageMicros(String stage, long micros) {
        stageMicros.computeIfAbsent(stage, s -> new LogHistogram()).add(micros);
    }

    synchronized void countRefusal(Outcome outcome) {
        frames[outcome.ordinal()]++;
    }

    private Map<String, Long> objectCounts() {
        Map<String, Long> counts = new TreeMap<>();
        objectsByClass.forEach((label, count) -> counts.put(label, count[0]));
        return java.util.Collections.unmodifiableMap(counts);
    }

    synchronized double currentFps(long nowNanos) {
        return firstFrameNanos < 0 ? 0 : fps.rate(nowNanos, firstFrameNanos);
    }

    synchronized StreamStatistics snapshot(long nowNanos) {
        long analysed = frames[Outcome.OK.ordinal()] + frames[Outcome.PARTIAL.ordinal()];
        long total = 0;
        for (long n : frames) {
            total += n;
        }
        double seconds = Math.max(1e-3, (nowNanos - sinceNanos) / 1e9);
        Map<String, Summary> latency = new LinkedHashMap<>();
        stageMicros.forEach((stage, histogram) -> latency.put(stage, histogram.summary()));
        return new StreamStatistics(
                stream,
                since,
                new StreamStatistics.FrameCounts(
                        frames[Outcome.OK.ordinal()],
                        frames[Outcome.PARTIAL.ordinal()],
                        frames[Outcome.REJECTED.ordinal()],
                        frames[Outcome.FAILED.ordinal()],
                        total),
                objects,
                objectCounts(),
                objectsPerFrame.summary(),
                diameters.summary(),
                new StreamStatistics.Fps(currentFps(nowNanos), fps.windowSeconds(), analysed / seconds),
                latency);
    }
}

package dev.framepipe.pipeline;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Admission by memory and by work ({@code framepipe.admission.*}); {@code max-in-flight} in
 * {@link PipelineProperties} remains a third bound.
 *
 * @param memoryBudget       bytes that frames may reserve at once (bodies, decode working sets,
 *                           detector scratch); unset means {@link #HEAP_FRACTION} of the maximum heap
 * @param workTarget         fraction of the deadline that the analysis work in flight may add up to
 *                           (CPU time of the admitted frames divided by the processors); beyond it a frame
 *                           is refused at once
 * @param nanosPerPixel      CPU time per pixel assumed until the first frames are measured
 * @param bodyShare          share of the budget that bodies being received may hold; the rest is kept
 *                           for decoding and detection, so that bodies read ahead cannot starve the frames
 *                           that already have theirs
 * @param maxWait            how long a frame whose body has arrived may wait for room (in flight, memory,
 *                           work) before it is refused; its deadline starts when it is admitted
 * @param abandonLate        whether a running large frame that can no longer finish by its deadline is abandoned
 *                           (503, cause {@code late}; {@link DeadlineWatch}); {@code false} leaves the watch judging
 *                           without abandoning, to measure its rule on real load (each watched frame's trace is
 *                           logged at DEBUG by {@code dev.framepipe.pipeline.DeadlineWatch})
 */
@Validated
@ConfigurationProperties("framepipe.admission")
public record AdmissionProperties(
        @Nullable DataSize memoryBudget,

        @DefaultValue(DEFAULT_WORK_TARGET) @DecimalMin("0.05") @DecimalMax("1.0")
        double workTarget,

        @DefaultValue(DEFAULT_NANOS_PER_PIXEL) @Positive double nanosPerPixel,

        @DefaultValue(DEFAULT_BODY_SHARE) @DecimalMin("0.05") @DecimalMax("0.95")
        double bodyShare,

        @DefaultValue(DEFAULT_MAX_WAIT) @NotNull Duration maxWait,

        @DefaultValue(DEFAULT_ABANDON_LATE) boolean abandonLate) {

    static final String DEFAULT_WORK_TARGET = "0.5";
    static final String DEFAULT_NANOS_PER_PIXEL = "60";
    static final String DEFAULT_BODY_SHARE = "0.3";
    static final String DEFAULT_MAX_WAIT = "1s";
    static final String DEFAULT_ABANDON_LATE = "true";

    /**
     * Share of the maximum heap the default budget takes: half. Reservations count only the large
     * arrays a frame allocates; the other half holds the application itself (about 60 MB live after
     * start-up), what the reservations do not count (JSON answers, Tomcat's buffers, the detector's
     * per-thread scratch), and the free space the collector needs to copy survivors and to place
     * humongous arrays (a 4096x4096 raster is one 48 MB object, which needs contiguous regions).
     */
    public static final double HEAP_FRACTION = 0.5;

    /** The defaults, for use outside Spring. */
    public static AdmissionProperties defaults() {
        return new AdmissionProperties(
                null,
                Double.parseDouble(DEFAULT_WORK_TARGET),
                Double.parseDouble(DEFAULT_NANOS_PER_PIXEL),
                Double.parseDouble(DEFAULT_BODY_SHARE),
                org.springframework.boot.convert.DurationStyle.detectAndParse(DEFAULT_MAX_WAIT),
                Boolean.parseBoolean(DEFAULT_ABANDON_LATE));
    }

    /** The budget in bytes: the configured one, or {@link #HEAP_FRACTION} of {@code maxHeap}. */
    public long effectiveMemoryBudget(long maxHeap) {
        return memoryBudget != null ? memoryBudget.toBytes() : (long) (maxHeap * HEAP_FRACTION);
    }
}

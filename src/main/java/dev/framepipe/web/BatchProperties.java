package dev.framepipe.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Batch jobs on {@code POST /api/v1/batches} ({@code framepipe.batch.*}). Each frame of a batch
 * also obeys {@code framepipe.limits.*}.
 *
 * @param maxFrames      most frames in one batch; the next part is answered 413 and the batch stops
 * @param maxBodySize    largest batch body; a declared larger length is refused with 413 before reading
 * @param framesInFlight frames of one batch read ahead and analysed at once (pipelining depth);
 *                       bounds what one batch holds in memory to this many frames
 * @param admissionWait  longest a batch frame waits for a place among {@code framepipe.pipeline.max-in-flight}
 *                       before it is answered 503 (a single frame is refused at once instead)
 * @param threads        threads analysing batch frames, shared by all batches; 0 means one per processor
 */
@Validated
@ConfigurationProperties("framepipe.batch")
public record BatchProperties(
        @DefaultValue("1000") @Positive int maxFrames,
        @DefaultValue("1GB") @NotNull DataSize maxBodySize,
        @DefaultValue("4") @Positive int framesInFlight,
        @DefaultValue("10s") @NotNull Duration admissionWait,
        @DefaultValue("0") @PositiveOrZero int threads) {

    /** The effective number of threads. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}

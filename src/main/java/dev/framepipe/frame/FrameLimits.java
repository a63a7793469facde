package dev.framepipe.frame;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Size limits on incoming frames ({@code framepipe.limits.*}).
 *
 * @param maxBodySize  largest accepted request body
 * @param maxWidth     largest accepted frame width in pixels
 * @param maxHeight    largest accepted frame height in pixels
 * @param maxPixels    largest accepted width x height
 */
@Validated
@ConfigurationProperties("framepipe.limits")
public record FrameLimits(
        @DefaultValue("16MB") DataSize maxBodySize,
        @DefaultValue("8192") @Positive int maxWidth,
        @DefaultValue("8192") @Positive int maxHeight,
        @DefaultValue("16777216") @Positive long maxPixels) {

    /** The defaults, for use outside Spring. */
    public static FrameLimits defaults() {
        return new FrameLimits(DataSize.ofMegabytes(16), 8192, 8192, 16_777_216L);
    }

    /** Whether a frame of these dimensions is within the limits (dimensions assumed positive). */
    public boolean admits(long width, long height) {
        return width <= maxWidth && height <= maxHeight && width * height <= maxPixels;
    }
}

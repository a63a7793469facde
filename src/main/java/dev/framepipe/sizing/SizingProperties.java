package dev.framepipe.sizing;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Size estimator settings ({@code framepipe.sizing.*}).
 *
 * @param mmPerPixel the scale, millimetres per pixel; unset (null) reports pixels only
 */
@Validated
@ConfigurationProperties("framepipe.sizing")
public record SizingProperties(@Positive Double mmPerPixel) {

    /** No scale: pixels only. */
    public static SizingProperties uncalibrated() {
        return new SizingProperties(null);
    }
}

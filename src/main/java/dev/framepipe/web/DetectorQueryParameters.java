package dev.framepipe.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The detector options every frame-analysing operation takes as query parameters, documented once for
 * OpenAPI; {@link DetectorParameters} parses them.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
    @Parameter(
            name = "polarity",
            in = ParameterIn.QUERY,
            description = "Which side of the threshold the "
                    + "objects are on: `bright` on dark, `dark` on bright, or `auto` (the class owning the frame's "
                    + "border is the background; the minority side when the border is ambiguous).",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"auto", "bright", "dark"})),
    @Parameter(
            name = "threshold-method",
            in = ParameterIn.QUERY,
            description = "`otsu` (global, Otsu 1979), "
                    + "`fixed` (`threshold-level`) or `local` (adaptive: the mean of the "
                    + "`local-window` around each pixel, for uneven light).",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"otsu", "fixed", "local"})),
    @Parameter(
            name = "threshold-level",
            in = ParameterIn.QUERY,
            description = "Level of `fixed`, 0..255; " + "foreground is above it (bright) or at most it (dark).",
            schema = @Schema(type = "integer", minimum = "0", maximum = "255")),
    @Parameter(
            name = "local-window",
            in = ParameterIn.QUERY,
            description = "Side in pixels of the `local` " + "threshold's window, odd, 3..1001.",
            schema = @Schema(type = "integer", minimum = "3", maximum = "1001")),
    @Parameter(
            name = "fill-holes",
            in = ParameterIn.QUERY,
            description = "Fill the holes inside each object "
                    + "for measuring it (after splitting); holes are counted either way.",
            schema = @Schema(type = "boolean")),
    @Parameter(
            name = "split",
            in = ParameterIn.QUERY,
            description = "`touching` splits touching objects "
                    + "(marker-controlled watershed of the distance transform); `none` keeps each connected "
                    + "component whole.",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"none", "touching"})),
    @Parameter(
            name = "object-diameter",
            in = ParameterIn.QUERY,
            description = "Expected diameter of one "
                    + "object in pixels, `MIN-MAX` (CellProfiler's typical diameter), for `split=touching`.",
            example = "20-60",
            schema = @Schema(type = "string", pattern = "^\\d+-\\d+$")),
    @Parameter(
            name = "min-area",
            in = ParameterIn.QUERY,
            description = "Drop objects smaller than this many " + "pixels (holes filled).",
            schema = @Schema(type = "integer", minimum = "1")),
    @Parameter(
            name = "max-area",
            in = ParameterIn.QUERY,
            description = "Drop objects larger than this many " + "pixels; 0 for no limit.",
            schema = @Schema(type = "integer", minimum = "0")),
    @Parameter(
            name = "exclude-border",
            in = ParameterIn.QUERY,
            description = "Drop objects that touch the " + "frame's border.",
            schema = @Schema(type = "boolean")),
    @Parameter(
            name = "connectivity",
            in = ParameterIn.QUERY,
            description = "4 or 8 neighbours.",
            schema = @Schema(type = "integer", minimum = "4", maximum = "8"))
})
@interface DetectorQueryParameters {}

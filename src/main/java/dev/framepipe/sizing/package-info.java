/**
 * Stage 3a, size: per-object measurements (area, equivalent diameter, moment ellipse, convex hull, Feret diameters) in pixels and millimetres.
 */
@NullMarked
package dev.framepipe.sizing;

import org.jspecify.annotations.NullMarked;

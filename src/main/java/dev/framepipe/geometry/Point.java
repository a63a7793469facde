package dev.framepipe.geometry;

/**
 * A point in pixel coordinates (pixel centres at integer coordinates).
 *
 * @param x column
 * @param y row
 */
public record Point(double x, double y) {}

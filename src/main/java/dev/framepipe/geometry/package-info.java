/**
 * Shared geometry of the middle stages: run-based convex hull and moment ellipse, used by sizing and classification alike.
 */
@NullMarked
package dev.framepipe.geometry;

import org.jspecify.annotations.NullMarked;

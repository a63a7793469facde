/**
 * Stage 4, aggregate: running statistics per stream and overall (frames by outcome, objects, sizes, FPS, latency).
 */
@NullMarked
package dev.framepipe.stats;

import org.jspecify.annotations.NullMarked;

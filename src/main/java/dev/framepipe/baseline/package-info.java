/**
 * The Python controller's synthetic workload as stage beans (Spring profile {@code baseline}), for benchmarks.
 */
@NullMarked
package dev.framepipe.baseline;

import org.jspecify.annotations.NullMarked;

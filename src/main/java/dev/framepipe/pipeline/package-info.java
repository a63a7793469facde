/**
 * Orchestration: admission, the stage executor, the fork of the two middle stages, deadlines and the frame report.
 */
@NullMarked
package dev.framepipe.pipeline;

import org.jspecify.annotations.NullMarked;

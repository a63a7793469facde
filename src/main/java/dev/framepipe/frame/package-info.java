/**
 * Stage 1, decode: encoded image bytes to a luminance {@link dev.framepipe.frame.Frame}, with limits checked before any pixel buffer exists.
 */
@NullMarked
package dev.framepipe.frame;

import org.jspecify.annotations.NullMarked;

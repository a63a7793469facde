/**
 * The annotated frame: a report's objects drawn on the frame as boxes and labels coloured by class (PNG answers).
 */
@NullMarked
package dev.framepipe.annotation;

import org.jspecify.annotations.NullMarked;

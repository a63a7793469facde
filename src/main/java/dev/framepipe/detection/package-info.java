/**
 * Stage 2, detect: threshold, polarity, labeling, hole filling and optional splitting of a frame into objects with runs, moments, holes and perimeter.
 */
@NullMarked
package dev.framepipe.detection;

import org.jspecify.annotations.NullMarked;

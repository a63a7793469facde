/**
 * Stage 2, detect: threshold, polarity and connected-component labeling of a frame into objects with runs, moments and perimeter.
 */
@NullMarked
package dev.framepipe.detection;

import org.jspecify.annotations.NullMarked;

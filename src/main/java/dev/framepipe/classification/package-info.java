/**
 * Stage 3b, classify: a class with a confidence per object: a learned ONNX model on object crops, rules or prototypes on shape features.
 */
@NullMarked
package dev.framepipe.classification;

import org.jspecify.annotations.NullMarked;

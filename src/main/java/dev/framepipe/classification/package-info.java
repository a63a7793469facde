/**
 * Stage 3b, classify: shape features and a class with a confidence per object (rules, prototypes).
 */
@NullMarked
package dev.framepipe.classification;

import org.jspecify.annotations.NullMarked;

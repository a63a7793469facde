/**
 * Operations: the actuator pipeline endpoint and the readiness health indicator.
 */
@NullMarked
package dev.framepipe.ops;

import org.jspecify.annotations.NullMarked;

/**
 * The HTTP API: frame and statistics controllers, request accounting and RFC 9457 problem responses.
 */
@NullMarked
package dev.framepipe.web;

import org.jspecify.annotations.NullMarked;

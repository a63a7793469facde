package dev.framepipe.web;

/** No statistics are kept for the named stream (HTTP 404). */
class UnknownStream extends RuntimeException {

    UnknownStream(String message) {
        super(message);
    }
}

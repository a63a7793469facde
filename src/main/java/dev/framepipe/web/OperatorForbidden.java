package dev.framepipe.web;

/** A protected operation is disabled (no operator token configured), or the token is missing or wrong (HTTP 403). */
class OperatorForbidden extends RuntimeException {

    OperatorForbidden(String message) {
        super(message);
    }
}

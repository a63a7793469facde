package dev.framepipe.web;

/** Resetting statistics is disabled, or the token is missing or wrong (HTTP 403). */
class ResetForbidden extends RuntimeException {

    ResetForbidden(String message) {
        super(message);
    }
}

package dev.framepipe.web;

/** A frame's body did not arrive within {@link IntakeProperties#bodyTimeout(long)} (HTTP 408). */
class BodyTimedOut extends RuntimeException {

    BodyTimedOut(String message) {
        super(message);
    }
}

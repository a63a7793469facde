package dev.framepipe.web;

/** The frame request is malformed: empty body, missing or repeated part, missing raw dimensions (HTTP 400). */
public class InvalidFrameRequest extends RuntimeException {

    public InvalidFrameRequest(String message) {
        super(message);
    }
}

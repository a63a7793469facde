package dev.framepipe.web;

/** A batch has more frames or more bytes than {@code framepipe.batch.*} allows (HTTP 413). */
public class BatchTooLarge extends RuntimeException {

    public BatchTooLarge(String message) {
        super(message);
    }
}

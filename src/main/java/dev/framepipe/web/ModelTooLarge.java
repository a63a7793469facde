package dev.framepipe.web;

/** A model offered by {@code PUT /api/v1/classifier/model} is larger than the limit (HTTP 413). */
class ModelTooLarge extends RuntimeException {

    ModelTooLarge(String message) {
        super(message);
    }
}

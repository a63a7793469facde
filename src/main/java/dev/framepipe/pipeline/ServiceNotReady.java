package dev.framepipe.pipeline;

/** The stages are still initialising, or the service is shutting down (HTTP 503 with {@code Retry-After}). */
public class ServiceNotReady extends RuntimeException {

    public ServiceNotReady(String message) {
        super(message);
    }
}

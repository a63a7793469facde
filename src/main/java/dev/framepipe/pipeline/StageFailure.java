package dev.framepipe.pipeline;

/**
 * A stage that failed on one frame.
 *
 * @param stage   the stage's name ({@code decode}, {@code detect}, {@code size}, {@code classify}, {@code aggregate})
 * @param message what clients are told: never the exception's own message, stack trace or class name (those are logged)
 */
public record StageFailure(String stage, String message) {

    /** What clients are told: a stage's own exception message may name classes and internals, so it is only logged. */
    static final String UNEXPECTED = "failed unexpectedly; the cause is in the service log";

    static StageFailure of(String stage, Throwable cause) {
        return new StageFailure(stage, UNEXPECTED);
    }
}

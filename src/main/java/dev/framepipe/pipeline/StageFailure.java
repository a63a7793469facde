package dev.framepipe.pipeline;

/**
 * A stage that failed on one frame.
 *
 * @param stage   the stage's name ({@code decode}, {@code detect}, {@code size}, {@code classify}, {@code aggregate})
 * @param message what went wrong, without a stack trace
 */
public record StageFailure(String stage, String message) {

    static StageFailure of(String stage, Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new StageFailure(stage, message);
    }
}

package dev.framepipe.classification;

/**
 * The classifier's prototype model could not be loaded at start-up: missing, unreadable or
 * malformed. The message names the location and what is wrong with it.
 */
public class ClassifierModelNotLoaded extends RuntimeException {

    public ClassifierModelNotLoaded(String location, String problem, Throwable cause) {
        super("cannot load classifier prototype model '" + location + "': " + problem, cause);
    }
}

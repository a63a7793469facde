package dev.framepipe.classification;

/**
 * The classifier's model could not be loaded at start-up: missing, unreadable, malformed, or not
 * fitting (labels, input). The message names the location and what is wrong with it.
 */
public class ClassifierModelNotLoaded extends RuntimeException {

    public ClassifierModelNotLoaded(String location, String problem, Throwable cause) {
        super("cannot load classifier model '" + location + "': " + problem, cause);
    }
}

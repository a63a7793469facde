package dev.framepipe.detection;

/**
 * A detector option has an unknown name or a value it cannot take (HTTP 400 when it came with a request;
 * a start-up failure when it came from configuration).
 */
public class InvalidDetectorOption extends IllegalArgumentException {

    private final String parameter;

    /**
     * @param parameter the option's kebab-case name, as in the query string ({@code split})
     * @param message   what is wrong and what is accepted
     */
    public InvalidDetectorOption(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The option's kebab-case name. */
    public String parameter() {
        return parameter;
    }
}

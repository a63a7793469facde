package dev.framepipe.web;

/** A request carries a query parameter the operation does not know (HTTP 400 naming it). */
public class UnknownParameter extends RuntimeException {

    private final String parameter;

    public UnknownParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The unknown parameter's name. */
    public String parameter() {
        return parameter;
    }
}

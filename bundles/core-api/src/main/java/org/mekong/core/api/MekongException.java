package org.mekong.core.api;

import java.util.List;

/**
 * Base of the domain exceptions that services throw; the web layer maps each one to an HTTP
 * status and the JSON error body {@code {"error", "message", "details"}}.
 */
public abstract class MekongException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ErrorDetail> details;

    protected MekongException(String message, List<ErrorDetail> details) {
        super(message);
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    /** The HTTP status this error stands for. */
    public abstract int status();

    /** A stable, machine-readable error code such as {@code not_found}. */
    public abstract String code();

    public List<ErrorDetail> details() {
        return details;
    }
}

package org.mekong.core.api;

import java.util.List;

/** The input is malformed or breaks a validation rule; details name each offending field. */
public class InvalidInputException extends MekongException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message, List.of());
    }

    public InvalidInputException(String message, List<ErrorDetail> details) {
        super(message, details);
    }

    public static InvalidInputException field(String field, String problem) {
        return new InvalidInputException(field + ": " + problem, List.of(new ErrorDetail(field, problem)));
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String code() {
        return "invalid_input";
    }
}

package org.mekong.core.api;

import java.util.List;

/** The caller could not be authenticated. */
public class UnauthorizedException extends MekongException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message, List.of());
    }

    public UnauthorizedException(String message, List<ErrorDetail> details) {
        super(message, details);
    }

    @Override
    public int status() {
        return 401;
    }

    @Override
    public String code() {
        return "unauthorized";
    }
}

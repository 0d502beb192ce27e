package org.mekong.core.api;

import java.util.List;

/** A referenced resource does not exist. */
public class NotFoundException extends MekongException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message, List.of());
    }

    public NotFoundException(String message, List<ErrorDetail> details) {
        super(message, details);
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public String code() {
        return "not_found";
    }
}

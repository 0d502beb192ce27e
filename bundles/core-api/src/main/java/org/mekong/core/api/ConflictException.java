package org.mekong.core.api;

import java.util.List;

/** The write conflicts with the current state (stale version, duplicate key). */
public class ConflictException extends MekongException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message, List.of());
    }

    public ConflictException(String message, List<ErrorDetail> details) {
        super(message, details);
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public String code() {
        return "conflict";
    }
}

package org.mekong.core.api;

import java.util.List;

/** The caller is known but lacks the role or the org-unit scope. */
public class ForbiddenException extends MekongException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message, List.of());
    }

    public ForbiddenException(String message, List<ErrorDetail> details) {
        super(message, details);
    }

    @Override
    public int status() {
        return 403;
    }

    @Override
    public String code() {
        return "forbidden";
    }
}

package org.mekong.core.api;

import java.util.List;

/** The request body exceeds the configured limit. */
public class PayloadTooLargeException extends MekongException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message, List.of());
    }

    public PayloadTooLargeException(String message, List<ErrorDetail> details) {
        super(message, details);
    }

    @Override
    public int status() {
        return 413;
    }

    @Override
    public String code() {
        return "payload_too_large";
    }
}

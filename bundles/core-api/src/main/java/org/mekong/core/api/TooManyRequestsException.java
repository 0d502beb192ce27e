package org.mekong.core.api;

import java.util.List;

/** A caller sent more than a limit allows; answered 429 with a {@code Retry-After} header. */
public class TooManyRequestsException extends MekongException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(message, List.of());
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds after which a new attempt can succeed. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public String code() {
        return "too_many_requests";
    }
}

package org.mekong.core.api;

import java.util.List;

/** One page of a longer result: the items, the total count, and the window asked for. */
public record Page<T>(List<T> items, long total, int offset, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public Page {
        items = List.copyOf(items);
    }

    /** Clamps a requested limit into 1..MAX_LIMIT, defaulting when absent. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw InvalidInputException.field("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    public static int offset(Integer requested) {
        if (requested == null) {
            return 0;
        }
        if (requested < 0) {
            throw InvalidInputException.field("offset", "must not be negative");
        }
        return requested;
    }
}

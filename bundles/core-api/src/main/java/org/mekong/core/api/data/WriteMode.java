package org.mekong.core.api.data;

/** How a batch treats values that exist already. */
public enum WriteMode {
    /**
     * An input without a version creates a value (409 when one exists: no duplicate provision); an
     * input with the current version updates it (409 when it has moved on).
     */
    STRICT,
    /**
     * Creates missing values and updates existing DRAFT or REJECTED ones without versions; values
     * identical to the stored ones are left as they are, so sending the same batch again is a no-op.
     * Changing a SUBMITTED or VERIFIED value is refused (409) as in STRICT mode.
     */
    UPSERT;

    /** The mode a request names ({@code strict}, {@code upsert}, any case), STRICT when blank; 400 naming {@code mode} else. */
    public static WriteMode parse(String mode) {
        if (mode == null || mode.isBlank()) {
            return STRICT;
        }
        try {
            return valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw org.mekong.core.api.InvalidInputException.field("mode", "one of strict, upsert");
        }
    }
}

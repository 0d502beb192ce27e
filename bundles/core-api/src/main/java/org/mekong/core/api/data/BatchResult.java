package org.mekong.core.api.data;

/**
 * What a batch write did: every value was created, updated or (in {@link WriteMode#UPSERT} mode)
 * found unchanged, or nothing was written at all.
 */
public record BatchResult(int created, int updated, int unchanged) {

    public BatchResult(int created, int updated) {
        this(created, updated, 0);
    }
}

package org.mekong.core.api.data;

/** What a batch write did: every value was either created or updated, or nothing was. */
public record BatchResult(int created, int updated) {
}

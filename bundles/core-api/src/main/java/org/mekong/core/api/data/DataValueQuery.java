package org.mekong.core.api.data;

/**
 * Filters for reading data values; null fields do not filter. {@code orgUnit} with
 * {@code includeDescendants} reads the whole subtree; {@code state} filters the workflow state.
 */
public record DataValueQuery(String indicator, String orgUnit, boolean includeDescendants, String period,
        String periodFrom, String periodTo, DataValueState state, int offset, int limit) {
}

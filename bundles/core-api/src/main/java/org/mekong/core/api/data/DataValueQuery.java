package org.mekong.core.api.data;

/**
 * Filters for reading data values; null fields do not filter. {@code orgUnit} with
 * {@code includeDescendants} reads the whole subtree; {@code state} filters the workflow state.
 * {@code periodFrom}/{@code periodTo} compare time, not ids: a value is in the range when its
 * period starts on or after the start of {@code periodFrom} and ends on or before the end of
 * {@code periodTo}, so 2025..2025 holds the year, its half-years, quarters and months.
 */
public record DataValueQuery(String indicator, String orgUnit, boolean includeDescendants, String period,
        String periodFrom, String periodTo, DataValueState state, int offset, int limit) {
}

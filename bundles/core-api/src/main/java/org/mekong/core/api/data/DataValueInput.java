package org.mekong.core.api.data;

/**
 * A value to write. {@code version} is the version the writer last read: null to create a new
 * value (409 if one exists already: no duplicate provision), or the current version to update it
 * (409 if it has moved on meanwhile).
 */
public record DataValueInput(String indicator, String orgUnit, String period, Double value, String comment,
        Long version) {
}

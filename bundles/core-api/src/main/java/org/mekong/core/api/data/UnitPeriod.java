package org.mekong.core.api.data;

/** One org unit's reporting period, e.g. what a unit submits for verification. */
public record UnitPeriod(String orgUnit, String period) {
}

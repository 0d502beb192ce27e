package org.mekong.core.api.data;

/** A stored value with its unit's place in the tree ({@code orgUnitPath}, /ROOT/.../CODE/), for set-based reads. */
public record TreeValue(String indicator, String orgUnit, String orgUnitPath, String period, double value,
        DataValueState state) {
}

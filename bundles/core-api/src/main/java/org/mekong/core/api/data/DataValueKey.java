package org.mekong.core.api.data;

/** Identifies one current data value: indicator x org unit x period. */
public record DataValueKey(String indicator, String orgUnit, String period) {

    @Override
    public String toString() {
        return indicator + "/" + orgUnit + "/" + period;
    }
}

package org.mekong.core.api.data;

import java.util.List;

/** Of the values expected from a unit for a period, how many are there and which are missing. */
public record Completeness(int expected, int present, List<String> missing) {

    public Completeness {
        missing = List.copyOf(missing);
    }
}

package org.mekong.core.api.data;

import java.util.Collection;
import java.util.Set;

/**
 * Which stored values {@link DataValueService#scan} reads: null (or empty) fields do not filter.
 * {@code orgUnits} selects those units and everything below them; {@code latestOnly} keeps only
 * each unit's latest period of each indicator (among {@code periods} when given).
 */
public record ValueScan(Collection<String> indicators, Collection<String> orgUnits, Collection<String> periods,
        Set<DataValueState> states, boolean latestOnly) {

    public ValueScan {
        indicators = indicators == null ? Set.of() : Set.copyOf(indicators);
        orgUnits = orgUnits == null ? Set.of() : Set.copyOf(orgUnits);
        periods = periods == null ? Set.of() : Set.copyOf(periods);
        states = states == null ? Set.of() : Set.copyOf(states);
    }
}

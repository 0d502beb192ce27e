package org.mekong.core.api.data;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.mekong.core.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one read path for indicator values, whatever their source: a unit's stored value, the rollup
 * of the units below it by the indicator's {@link org.mekong.core.api.indicator.Aggregation}, a
 * formula over other indicators, or a plugin's computation. Dashboards, warning rules, sandbox
 * evaluations, the portal's figures and plugins read through it rather than the tables.
 * <p>
 * One visibility rule: a stored value that is not VERIFIED (DRAFT, SUBMITTED, REJECTED) is seen only
 * by staff whose scope covers its unit (national roles everywhere, others the subtrees of their own
 * units); everybody else, anonymous readers and the public pages included, gets VERIFIED values only,
 * and rollups and formulas are computed from what the reader may see. Every answer carries whether
 * it is verified.
 */
@ProviderType
public interface IndicatorValues {

    /**
     * Values of the indicators x units x periods visible to the caller; combinations without a value
     * are left out, except formulas that cannot be computed there (value null, with a note). {@code states} narrows stored values further (e.g. only VERIFIED for a
     * "verified figures" view); null or empty for every state the caller may see. Periods of another
     * periodicity than the indicator's are not converted: ask for the indicator's own periods.
     */
    List<IndicatorValue> read(Caller caller, Collection<String> indicators, Collection<String> orgUnits,
            Collection<String> periods, Set<DataValueState> states);

    /** {@link #read} for one cell: the value or null. */
    default IndicatorValue readOne(Caller caller, String indicator, String orgUnit, String period) {
        List<IndicatorValue> found = read(caller, List.of(indicator), List.of(orgUnit), List.of(period), null);
        return found.isEmpty() ? null : found.get(0);
    }
}

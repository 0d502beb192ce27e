package org.mekong.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.mekong.core.api.Period;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.orgunit.OrgUnit;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes indicator definitions. Register an implementation as an OSGi service (a DS
 * component): its indicators appear in the registry while the service is registered and are
 * gone when it goes away. Codes must not clash with stored indicators or other providers.
 */
@ConsumerType
public interface IndicatorProvider {

    /** A short name of the contributing plugin, shown as the indicators' provider. */
    String name();

    Collection<Indicator> indicators();

    /**
     * The value of one of this provider's computed indicators at a unit for a period, or null
     * when the provider has none (the default: the indicator's values are entered as data).
     */
    default Double valueOf(String indicator, OrgUnit unit, Period period) {
        return null;
    }

    /**
     * The values of one of this provider's computed indicators at the units for the periods, in
     * bulk: a dashboard asks for a whole table at once, so compute it set-based (a few queries, not
     * one per cell). Combinations without a value are left out. The default asks {@link #valueOf}
     * cell by cell; override it when the values come from a database.
     */
    default List<ProvidedValue> valuesOf(String indicator, Collection<OrgUnit> units, Collection<Period> periods) {
        List<ProvidedValue> out = new ArrayList<>();
        for (OrgUnit u : units) {
            for (Period p : periods) {
                Double v = valueOf(indicator, u, p);
                if (v != null) {
                    out.add(new ProvidedValue(u.code(), p.id(), v));
                }
            }
        }
        return out;
    }

    /** One value computed by a provider. */
    record ProvidedValue(String orgUnit, String period, double value) {
    }
}

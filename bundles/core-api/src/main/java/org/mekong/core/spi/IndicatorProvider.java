package org.mekong.core.spi;

import java.util.Collection;

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
}

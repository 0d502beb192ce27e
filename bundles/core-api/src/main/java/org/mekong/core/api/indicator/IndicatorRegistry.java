package org.mekong.core.api.indicator;

import java.util.List;
import java.util.Optional;

import org.mekong.core.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The merged view of all indicators: those stored in the database (writable) and those
 * contributed live by {@link org.mekong.core.spi.IndicatorProvider} plugins (read-only).
 */
@ProviderType
public interface IndicatorRegistry {

    Optional<Indicator> find(String code);

    /** The indicator, or a 404 naming the code. */
    Indicator get(String code);

    /** All indicators, optionally filtered by layer; retired ones only when asked. */
    List<Indicator> list(IndicatorLayer layer, boolean includeRetired);

    Indicator create(Caller caller, Indicator definition);

    /** Updates a stored indicator; {@code definition.version()} must match (else 409). */
    Indicator update(Caller caller, String code, Indicator definition);

    /** Marks a stored indicator retired: kept for history, no new values accepted. */
    Indicator retire(Caller caller, String code, long version);

    long count();

    /**
     * The symbolic name of the plugin bundle contributing the indicator through an
     * {@link org.mekong.core.spi.IndicatorProvider}, or empty for stored indicators; used to apply
     * the plugin's scope ({@link org.mekong.core.api.orgunit.PluginScopes}).
     */
    Optional<String> providerBundle(String code);

    /**
     * Whether the indicator is enabled at the org unit: stored indicators everywhere, a plugin's
     * indicators where the plugin's scope allows ({@link org.mekong.core.api.orgunit.PluginScopes#allows(String,
     * String)}). Data entry offers, accepts and expects a unit's values only for the indicators enabled there.
     */
    boolean enabledAt(String code, String orgUnit);
}

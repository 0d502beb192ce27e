package org.mekong.core.api.orgunit;

import java.time.Instant;
import java.util.Set;

/**
 * A plugin limited to some org units (and their subtrees), e.g. while it is piloted there.
 *
 * @param bundle the plugin bundle's symbolic name
 * @param units the units where it is enabled (empty: nowhere)
 * @param reason why, e.g. the pilot's code
 */
public record PluginScope(String bundle, Set<String> units, String reason, String setBy, Instant setAt) {
    public PluginScope {
        units = units == null ? Set.of() : Set.copyOf(units);
    }
}

package org.mekong.core.api.orgunit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.mekong.core.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Scoped activation: a plugin bundle may be enabled for some org units only. Without a scope a
 * plugin works everywhere. With one, the core refuses its REST endpoints (403) to callers outside
 * the scope, hides its menu entries from them, and plugins ask {@link #allows(String, String)}
 * before acting for a unit. National callers (ADMIN, CENTRAL_IT) are never refused, so central IT
 * can still look. Changes take effect at once, without a restart, and are posted as the event
 * {@code mekong/scope/CHANGED} (property {@code bundle}).
 */
@ProviderType
public interface PluginScopes {

    /** The scope of a plugin bundle, or empty when it is enabled everywhere. */
    Optional<PluginScope> scopeOf(String bundle);

    List<PluginScope> all();

    /**
     * Limits a plugin to the given units (replacing any earlier scope); CENTRAL_IT or ADMIN, audited
     * under the caller's name. Refused with 400 naming the bundle unless {@link #whyNotScopable} is empty.
     */
    PluginScope restrict(Caller caller, String bundle, Collection<String> units, String reason);

    /**
     * Empty when the bundle may be scoped; otherwise why not, in a sentence naming the bundle. Only
     * installed plugin bundles may be: never a bundle of the core, a library or the framework
     * (since 1.3). Lets a caller check before it stores anything that depends on the scope.
     */
    Optional<String> whyNotScopable(String bundle);

    /** Enables a plugin everywhere again; CENTRAL_IT or ADMIN. */
    void lift(Caller caller, String bundle);

    /** Whether the plugin may act for the unit: true when it is not scoped or the unit is within its scope. */
    boolean allows(String bundle, String unitCode);

    /** Whether the caller may use the plugin: not scoped, a national caller, or one of the caller's units within. */
    boolean allows(String bundle, Caller caller);
}

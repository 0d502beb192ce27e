package org.mekong.orgunits.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.karaf.features.FeaturesService;
import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.orgunit.PluginScope;
import org.mekong.core.api.orgunit.PluginScopes;
import org.mekong.core.jdbc.Jdbc;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin scopes kept in PLUGIN_SCOPE and in memory (every check is a map lookup plus an
 * in-memory subtree test). One server: a cluster would reload on the change event. Only plugin
 * bundles can be scoped ({@link PluginBundles}): a scope can never switch off the core.
 */
@Component(service = PluginScopes.class)
public class PluginScopesImpl implements PluginScopes {
    private static final Logger LOG = LoggerFactory.getLogger(PluginScopesImpl.class);
    private static final Pattern BUNDLE = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$");

    private final DataSource ds;
    private final OrgUnitService units;
    private final AuditService audit;
    private final EventAdmin events;
    private final PluginBundles plugins;
    private final Map<String, PluginScope> scopes = new ConcurrentHashMap<>();

    @Activate
    public PluginScopesImpl(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference AuditService audit, @Reference EventAdmin events,
            @Reference FeaturesService features, BundleContext context) {
        this.ds = ds;
        this.units = units;
        this.audit = audit;
        this.events = events;
        this.plugins = new PluginBundles(context, features);
        Jdbc.read(ds, c -> Jdbc.list(c, "SELECT BUNDLE, UNITS, REASON, SET_BY, SET_AT FROM PLUGIN_SCOPE", r -> {
            String u = r.getString(2);
            PluginScope s = new PluginScope(r.getString(1), u.isEmpty() ? java.util.Set.of()
                    : new TreeSet<>(Arrays.asList(u.split(","))), r.getString(3), r.getString(4),
                    Jdbc.getInstant(r, "SET_AT"));
            scopes.put(s.bundle(), s);
            return null;
        }));
        // A scope stored on a core bundle (before that was refused) would lock everyone out: it is not applied.
        for (PluginScope s : List.copyOf(scopes.values())) {
            if (plugins.knownNotPlugin(s.bundle())) {
                scopes.remove(s.bundle());
                LOG.warn("The stored scope of {} is not applied: it is not a plugin bundle; lift it with "
                        + "DELETE /api/scopes/{}", s.bundle(), s.bundle());
            }
        }
    }

    @Override
    public Optional<String> whyNotScopable(String bundle) {
        if (bundle == null || !BUNDLE.matcher(bundle).matches()) {
            return Optional.of("a bundle symbolic name such as org.mekong.province.hue is required");
        }
        return plugins.whyNot(bundle);
    }

    @Override
    public Optional<PluginScope> scopeOf(String bundle) {
        return bundle == null ? Optional.empty() : Optional.ofNullable(scopes.get(bundle));
    }

    @Override
    public List<PluginScope> all() {
        List<PluginScope> out = new ArrayList<>(scopes.values());
        out.sort(java.util.Comparator.comparing(PluginScope::bundle));
        return out;
    }

    @Override
    public PluginScope restrict(Caller caller, String bundle, Collection<String> unitCodes, String reason) {
        caller.require(Role.CENTRAL_IT);
        List<ErrorDetail> errors = new ArrayList<>();
        whyNotScopable(bundle).ifPresent(why -> errors.add(new ErrorDetail("bundle", why)));
        TreeSet<String> set = new TreeSet<>();
        for (String u : unitCodes == null ? List.<String>of() : unitCodes) {
            String x = u == null ? "" : u.trim();
            if (x.isEmpty()) {
                continue;
            }
            if (units.find(x).isEmpty()) {
                errors.add(new ErrorDetail("units", "'" + x + "' is not an org unit"));
            }
            set.add(x);
        }
        if (String.join(",", set).length() > 8000) {
            errors.add(new ErrorDetail("units", "too many units"));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            errors.add(new ErrorDetail("reason", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The scope has " + errors.size() + " problem(s)", errors);
        }
        PluginScope s = new PluginScope(bundle, set, why, caller.username(), Instant.now());
        PluginScope before = scopes.get(bundle);
        Jdbc.write(ds, c -> {
            Jdbc.update(c, "DELETE FROM PLUGIN_SCOPE WHERE BUNDLE = ?", bundle);
            Jdbc.update(c, "INSERT INTO PLUGIN_SCOPE (BUNDLE, UNITS, REASON, SET_BY, SET_AT) VALUES (?, ?, ?, ?, ?)", bundle,
                    String.join(",", set), why, s.setBy(), s.setAt());
            return null;
        });
        scopes.put(bundle, s);
        audit.record(caller.username(), "PluginScope", bundle, "RESTRICT", before == null ? null : before.units(),
                Map.of("units", set, "reason", why == null ? "" : why));
        events.postEvent(new Event("mekong/scope/CHANGED", Map.of("bundle", bundle)));
        return s;
    }

    @Override
    public void lift(Caller caller, String bundle) {
        caller.require(Role.CENTRAL_IT);
        PluginScope before = scopes.get(bundle);
        Jdbc.write(ds, c -> Jdbc.update(c, "DELETE FROM PLUGIN_SCOPE WHERE BUNDLE = ?", bundle));
        scopes.remove(bundle);
        if (before != null) {
            audit.record(caller.username(), "PluginScope", bundle, "LIFT", before.units(), null);
            events.postEvent(new Event("mekong/scope/CHANGED", Map.of("bundle", bundle)));
        }
    }

    @Override
    public boolean allows(String bundle, String unitCode) {
        PluginScope s = bundle == null ? null : scopes.get(bundle);
        if (s == null) {
            return true;
        }
        return unitCode != null && s.units().stream().anyMatch(top -> units.isWithin(unitCode, top));
    }

    @Override
    public boolean allows(String bundle, Caller caller) {
        PluginScope s = bundle == null ? null : scopes.get(bundle);
        if (s == null || caller.isNational()) {
            return true;
        }
        return caller.orgUnits().stream().anyMatch(u -> allows(bundle, u));
    }
}

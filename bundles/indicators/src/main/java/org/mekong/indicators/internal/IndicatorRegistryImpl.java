package org.mekong.indicators.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.indicators.formula.Formula;
import org.mekong.indicators.formula.FormulaException;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.schema.SchemaMigrator;
import org.mekong.core.spi.IndicatorProvider;
import org.mekong.indicators.internal.entities.IndicatorEntity;
import org.mekong.storage.jpa.Transactions;
import org.mekong.storage.jpa.Where;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stored indicators (INDICATOR, writable) merged with every registered {@link IndicatorProvider}
 * (read-only). Providers are tracked dynamically: a plugin's indicators appear and disappear with
 * its service. A stored indicator wins a code clash; the clash is logged.
 */
@Component(service = IndicatorRegistry.class)
public class IndicatorRegistryImpl implements IndicatorRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(IndicatorRegistryImpl.class);
    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_.-]{1,63}$");

    private final EntityManagerFactory emf;
    private final OrgUnitService orgUnits;
    private final AuditService audit;
    private final StoredIndicators stored;
    private final Map<IndicatorProvider, List<Indicator>> provided = new ConcurrentHashMap<>();
    /** The bundle behind each provider, for plugin scopes. */
    private final Map<IndicatorProvider, String> providerBundles = new ConcurrentHashMap<>();
    /** Plugin scopes (from the org-units bundle), for {@link #enabledAt}. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.mekong.core.api.orgunit.PluginScopes scopes;

    @Activate
    public IndicatorRegistryImpl(@Reference(target = "(osgi.unit.name=mekong-indicators)") EntityManagerFactory emf,
            @Reference SchemaMigrator migrator, @Reference OrgUnitService orgUnits, @Reference AuditService audit) {
        this.emf = emf;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.stored = new StoredIndicators(emf);
        migrator.migrate("db/indicators-changelog.xml", getClass().getClassLoader());
        seedIfEmpty();
        stored.invalidate();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(IndicatorProvider provider, org.osgi.framework.ServiceReference<IndicatorProvider> reference) {
        org.osgi.framework.Bundle bundle = reference.getBundle();
        if (bundle != null) {
            providerBundles.put(provider, bundle.getSymbolicName());
        }
        try {
            List<Indicator> list = provider.indicators().stream().map(i -> i.fromProvider(provider.name())).toList();
            provided.put(provider, list);
            LOG.info("Indicator provider '{}' added {} indicator(s)", provider.name(), list.size());
        } catch (RuntimeException e) {
            LOG.error("Indicator provider {} failed; its indicators are ignored", provider, e);
        }
    }

    void removeProvider(IndicatorProvider provider) {
        List<Indicator> gone = provided.remove(provider);
        providerBundles.remove(provider);
        if (gone != null) {
            LOG.info("Indicator provider '{}' removed {} indicator(s)", gone.isEmpty() ? provider : gone.get(0).provider(), gone.size());
        }
    }

    private void seedIfEmpty() {
        if (Transactions.read(emf, em -> new Where().count(em, "IndicatorEntity", "i")) > 0) {
            return;
        }
        List<Indicator> seed;
        try (InputStream in = getClass().getResourceAsStream("/seed/indicators.json")) {
            seed = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(in, new TypeReference<List<Indicator>>() {
                    });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the indicator seed", e);
        }
        Transactions.write(emf, em -> {
            for (Indicator d : seed) {
                IndicatorEntity e = new IndicatorEntity(d.code());
                e.apply(d);
                em.persist(e);
            }
            return null;
        });
        LOG.info("Loaded {} demo indicators", seed.size());
    }

    @Override
    public Optional<Indicator> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Indicator own = stored.all().get(code);
        if (own != null) {
            return Optional.of(own);
        }
        return provided.values().stream().flatMap(List::stream).filter(i -> i.code().equals(code)).findFirst();
    }

    @Override
    public Optional<String> providerBundle(String code) {
        if (code == null || stored.all().containsKey(code)) {
            return Optional.empty();
        }
        return Optional.ofNullable(providedBy(code));
    }

    /** The bundle of the provider contributing the code, whether or not a stored indicator overrides it. */
    private String providedBy(String code) {
        return provided.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(i -> i.code().equals(code)))
                .map(e -> providerBundles.get(e.getKey())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public boolean enabledAt(String code, String orgUnit) {
        org.mekong.core.api.orgunit.PluginScopes current = scopes;
        if (current == null || code == null) {
            return true;
        }
        String bundle = providedBy(code);
        // a stored indicator of the same code wins over a plugin's (see providerBundle): checked only when refused
        return bundle == null || current.allows(bundle, orgUnit) || providerBundle(code).isEmpty();
    }

    @Override
    public Indicator get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("Indicator '" + code + "' does not exist"));
    }

    @Override
    public List<Indicator> list(IndicatorLayer layer, boolean includeRetired) {
        List<Indicator> all = new ArrayList<>(stored.all().values().stream()
                .filter(i -> layer == null || i.layer() == layer).filter(i -> includeRetired || !i.retired()).toList());
        java.util.Set<String> codes = new java.util.HashSet<>();
        all.forEach(i -> codes.add(i.code()));
        provided.values().stream().flatMap(List::stream)
                .filter(i -> layer == null || i.layer() == layer)
                .filter(i -> includeRetired || !i.retired())
                .forEach(i -> {
                    if (codes.add(i.code())) {
                        all.add(i);
                    } else {
                        LOG.warn("Indicator code {} from provider '{}' clashes with an existing one; ignored", i.code(), i.provider());
                    }
                });
        all.sort(Comparator.comparing(Indicator::code));
        return all;
    }

    @Override
    public Indicator create(Caller caller, Indicator d) {
        caller.require(Role.CENTRAL_IT);
        validate(d, true);
        if (find(d.code()).isPresent()) {
            throw new ConflictException("Indicator '" + d.code() + "' already exists");
        }
        Indicator created = Transactions.write(emf, em -> {
            IndicatorEntity e = new IndicatorEntity(d.code());
            e.apply(d);
            em.persist(e);
            em.flush();
            return e.toDTO();
        });
        stored.invalidate();
        audit.record(caller.username(), "Indicator", d.code(), "CREATE", null, created);
        return created;
    }

    @Override
    public Indicator update(Caller caller, String code, Indicator d) {
        caller.require(Role.CENTRAL_IT);
        validate(d, false);
        if (d.code() != null && !d.code().equals(code)) {
            throw InvalidInputException.field("code", "does not match the indicator '" + code + "' in the path");
        }
        Indicator[] before = new Indicator[1];
        Indicator after = Transactions.write(emf, em -> {
            IndicatorEntity e = stored(em, code);
            if (e.getVersion() != d.version()) {
                throw new ConflictException("Stale version " + d.version() + " of indicator '" + code
                        + "'; the current version is " + e.getVersion());
            }
            before[0] = e.toDTO();
            e.apply(d);
            em.flush();
            return e.toDTO();
        });
        stored.invalidate();
        audit.record(caller.username(), "Indicator", code, "UPDATE", before[0], after);
        return after;
    }

    @Override
    public Indicator retire(Caller caller, String code, long version) {
        caller.require(Role.CENTRAL_IT);
        Indicator after = Transactions.write(emf, em -> {
            IndicatorEntity e = stored(em, code);
            if (e.getVersion() != version) {
                throw new ConflictException("Stale version " + version + " of indicator '" + code
                        + "'; the current version is " + e.getVersion());
            }
            e.retire();
            em.flush();
            return e.toDTO();
        });
        stored.invalidate();
        audit.record(caller.username(), "Indicator", code, "RETIRE", null, after);
        return after;
    }

    private IndicatorEntity stored(javax.persistence.EntityManager em, String code) {
        IndicatorEntity e = em.find(IndicatorEntity.class, code);
        if (e == null) {
            if (provided.values().stream().flatMap(List::stream).anyMatch(i -> i.code().equals(code))) {
                throw new ConflictException("Indicator '" + code + "' is provided by a plugin and is read-only");
            }
            throw new NotFoundException("Indicator '" + code + "' does not exist");
        }
        return e;
    }

    private void validate(Indicator d, boolean creating) {
        if (d == null) {
            throw InvalidInputException.field("body", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        if (creating && (d.code() == null || !CODE.matcher(d.code()).matches())) {
            problems.add(new ErrorDetail("code", "2-64 characters: upper-case letters, digits, '_', '.', '-', starting with a letter"));
        }
        if (d.nameVi() == null || d.nameVi().isBlank() || d.nameVi().length() > 255) {
            problems.add(new ErrorDetail("nameVi", "is required, at most 255 characters"));
        }
        if (d.nameEn() == null || d.nameEn().isBlank() || d.nameEn().length() > 255) {
            problems.add(new ErrorDetail("nameEn", "is required, at most 255 characters"));
        }
        if (d.layer() == null) {
            problems.add(new ErrorDetail("layer", "is required: one of " + List.of(IndicatorLayer.values())));
        }
        if (d.periodicity() == null) {
            problems.add(new ErrorDetail("periodicity", "is required: MONTHLY, QUARTERLY, SEMI_ANNUAL or YEARLY"));
        }
        if (d.direction() == null) {
            problems.add(new ErrorDetail("direction", "is required: HIGHER_IS_BETTER or LOWER_IS_BETTER"));
        } else if (d.greenThreshold() != null && d.redThreshold() != null) {
            boolean ordered = d.direction() == Direction.HIGHER_IS_BETTER ? d.greenThreshold() >= d.redThreshold()
                    : d.greenThreshold() <= d.redThreshold();
            if (!ordered) {
                problems.add(new ErrorDetail("greenThreshold", "must be on the better side of redThreshold for " + d.direction()));
            }
        }
        if (d.ownerUnit() != null && orgUnits.find(d.ownerUnit()).isEmpty()) {
            problems.add(new ErrorDetail("ownerUnit", "unknown org unit '" + d.ownerUnit() + "'"));
        }
        if (d.unit() != null && d.unit().length() > 32) {
            problems.add(new ErrorDetail("unit", "at most 32 characters"));
        }
        if (d.formula() != null && d.formula().length() > 1000) {
            problems.add(new ErrorDetail("formula", "at most 1000 characters"));
        } else if (d.formula() != null && !d.formula().isBlank()) {
            try {
                for (String input : Formula.parse(d.formula()).inputs()) {
                    if (!input.equals(d.code()) && find(input).isEmpty()) {
                        problems.add(new ErrorDetail("formula", "unknown indicator [" + input + "]"));
                    }
                }
                Formula.checkNoCycle(d.code(), code -> code.equals(d.code()) ? d.formula()
                        : find(code).map(Indicator::formula).orElse(null));
            } catch (FormulaException e) {
                problems.add(new ErrorDetail("formula", e.getMessage()));
            }
        }
        if (d.aggregation() == Aggregation.WEIGHTED_AVERAGE) {
            Indicator weight = d.weightIndicator() == null ? null : find(d.weightIndicator()).orElse(null);
            if (weight == null || weight.code().equals(d.code())) {
                problems.add(new ErrorDetail("weightIndicator", "a weighted average needs another existing indicator as "
                        + "its weight (the denominator), got " + (d.weightIndicator() == null ? "none" : "'" + d.weightIndicator() + "'")));
            } else if (weight.periodicity() != d.periodicity()) {
                problems.add(new ErrorDetail("weightIndicator", "'" + weight.code() + "' is " + weight.periodicity()
                        + ", the indicator is " + d.periodicity() + ": the weight must have the same periodicity"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
    }

    @Override
    public long count() {
        return list(null, true).size();
    }
}

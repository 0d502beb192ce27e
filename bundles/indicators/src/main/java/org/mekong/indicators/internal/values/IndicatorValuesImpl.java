package org.mekong.indicators.internal.values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.IndicatorValue;
import org.mekong.core.api.data.IndicatorValue.ValueSource;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.spi.IndicatorProvider;
import org.mekong.core.spi.IndicatorProvider.ProvidedValue;
import org.mekong.indicators.formula.Formula;
import org.mekong.indicators.formula.FormulaException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IndicatorValues}: dispatches each indicator to its source (stored, formula, plugin) in bulk
 * and applies one visibility rule ({@link Visibility}) to every stored value read.
 */
@Component(service = IndicatorValues.class)
public class IndicatorValuesImpl implements IndicatorValues {
    private static final Logger LOG = LoggerFactory.getLogger(IndicatorValuesImpl.class);

    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final StoredReads stored;
    private final List<IndicatorProvider> providers = new CopyOnWriteArrayList<>();

    @Activate
    public IndicatorValuesImpl(@Reference DataValueService values, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits) {
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.stored = new StoredReads(values);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(IndicatorProvider provider) {
        providers.add(provider);
    }

    void removeProvider(IndicatorProvider provider) {
        providers.remove(provider);
    }

    @Override
    public List<IndicatorValue> read(Caller caller, Collection<String> indicatorCodes, Collection<String> unitCodes,
            Collection<String> periodIds, Set<DataValueState> states) {
        List<Indicator> inds = new ArrayList<>();
        for (String code : new LinkedHashSet<>(indicatorCodes)) {
            indicators.find(code).ifPresent(inds::add);
        }
        List<OrgUnit> units = new ArrayList<>();
        for (String code : new LinkedHashSet<>(unitCodes)) {
            orgUnits.find(code).ifPresent(units::add);
        }
        List<Period> periods = new LinkedHashSet<>(periodIds).stream().map(Period::parse).toList();
        if (inds.isEmpty() || units.isEmpty() || periods.isEmpty()) {
            return List.of();
        }
        Set<String> askedIndicators = new HashSet<>();
        inds.forEach(i -> askedIndicators.add(i.code()));
        Set<String> askedPeriods = new HashSet<>();
        periods.forEach(p -> askedPeriods.add(p.id()));
        // Formula inputs read on the way are not part of the answer.
        return read(inds, units, periods, new Visibility(caller, states), 0).asMap().values().stream()
                .filter(v -> askedIndicators.contains(v.indicator()) && askedPeriods.contains(v.period())).toList();
    }

    private Cells read(List<Indicator> inds, List<OrgUnit> units, List<Period> periods, Visibility vis, int depth) {
        Cells out = new Cells();
        List<Indicator> storedInds = new ArrayList<>();
        Set<String> storedPeriods = new HashSet<>();
        Map<String, Formula> formulas = new HashMap<>();
        // Inputs of formulas that are stored join the one read of stored values; others are read below.
        Set<Indicator> computedInputs = new LinkedHashSet<>();
        Set<Period> computedPeriods = new LinkedHashSet<>();
        for (Indicator i : inds) {
            if (i.formula() != null && !i.formula().isBlank()) {
                Formula f = parse(i);
                if (f == null) {
                    continue;
                }
                formulas.put(i.code(), f);
                for (String code : f.inputs()) {
                    indicators.find(code).ifPresent(in -> own(i, periods).forEach(p -> {
                        Period inputPeriod = p.latestWithin(in.periodicity());
                        if (isStored(in)) {
                            if (!storedInds.contains(in)) {
                                storedInds.add(in);
                            }
                            storedPeriods.add(inputPeriod.id());
                        } else {
                            computedInputs.add(in);
                            computedPeriods.add(inputPeriod);
                        }
                    }));
                }
            } else if (i.source() == IndicatorSource.PLUGIN) {
                fromProvider(i, units, periods, out);
            } else {
                if (!storedInds.contains(i)) {
                    storedInds.add(i);
                }
                own(i, periods).forEach(p -> storedPeriods.add(p.id()));
            }
        }
        if (!storedInds.isEmpty() && !storedPeriods.isEmpty()) {
            out.addAll(stored.read(storedInds, units, storedPeriods, vis));
        }
        if (formulas.isEmpty()) {
            return out;
        }
        if (!computedInputs.isEmpty()) {
            if (depth > 8) {
                // Cycles are refused when a formula is saved; this bounds a chain of formulas all the same.
                LOG.warn("Formula chain deeper than 8 at {}", formulas.keySet());
            } else {
                out.addAll(read(List.copyOf(computedInputs), units, List.copyOf(computedPeriods), vis, depth + 1));
            }
        }
        Cells results = new Cells();
        for (Indicator i : inds) {
            Formula f = formulas.get(i.code());
            if (f == null) {
                continue;
            }
            for (Period p : own(i, periods)) {
                for (OrgUnit u : units) {
                    IndicatorValue v = evaluate(i, f, u, p, out);
                    if (v != null) {
                        results.put(v);
                    }
                }
            }
        }
        out.addAll(results);
        return out;
    }

    private static boolean isStored(Indicator i) {
        return (i.formula() == null || i.formula().isBlank()) && i.source() != IndicatorSource.PLUGIN;
    }

    private static Formula parse(Indicator i) {
        try {
            return Formula.parse(i.formula());
        } catch (FormulaException e) {
            LOG.warn("Indicator {} has a formula that does not parse: {}", i.code(), e.getMessage());
            return null;
        }
    }

    /** The asked periods of the indicator's own periodicity. */
    private static List<Period> own(Indicator i, List<Period> periods) {
        return periods.stream().filter(p -> p.periodicity() == i.periodicity()).toList();
    }

    /**
     * A plugin computes any span it is asked for: the asked periods of the indicator's own periodicity
     * when there are any (a dashboard asks several periodicities at once), else all of them (a year of a
     * monthly rate, say).
     */
    private void fromProvider(Indicator i, List<OrgUnit> units, List<Period> asked, Cells out) {
        List<Period> periods = own(i, asked).isEmpty() ? asked : own(i, asked);
        if (periods.isEmpty()) {
            return;
        }
        for (IndicatorProvider provider : providers) {
            if (provider.name().equals(i.provider())) {
                try {
                    for (ProvidedValue v : provider.valuesOf(i.code(), units, periods)) {
                        if (Double.isFinite(v.value())) {
                            out.put(new IndicatorValue(i.code(), v.orgUnit(), v.period(), v.value(), ValueSource.PLUGIN,
                                    null, true, 1));
                        }
                    }
                } catch (RuntimeException e) {
                    // One failing plugin leaves its indicator without values, never the whole read.
                    LOG.warn("Plugin {} failed computing {}", provider.name(), i.code(), e);
                }
                return;
            }
        }
    }

    private IndicatorValue evaluate(Indicator i, Formula f, OrgUnit u, Period p, Cells in) {
        long[] count = { Long.MAX_VALUE };
        boolean[] verified = { true };
        try {
            double v = f.evaluate(code -> indicators.find(code).map(input -> {
                IndicatorValue iv = in.get(code, u.code(), p.latestWithin(input.periodicity()).id());
                if (iv == null || iv.value() == null) {
                    return null;
                }
                count[0] = Math.min(count[0], iv.count());
                verified[0] &= iv.verified();
                return iv.value();
            }).orElse(null));
            if (!Double.isFinite(v)) {
                return failed(i, u, p, "the result is not a finite number");
            }
            return new IndicatorValue(i.code(), u.code(), p.id(), v, ValueSource.FORMULA, null, verified[0],
                    count[0] == Long.MAX_VALUE ? 0 : count[0]);
        } catch (FormulaException e) {
            return failed(i, u, p, e.getMessage());
        }
    }

    /** A formula cell without a value, saying why (a missing input, a division by zero). */
    private static IndicatorValue failed(Indicator i, OrgUnit u, Period p, String why) {
        return new IndicatorValue(i.code(), u.code(), p.id(), null, ValueSource.FORMULA, null, true, 0,
                "formula: " + why);
    }
}

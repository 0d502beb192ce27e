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
        return List.copyOf(read(inds, units, periods, new Visibility(caller, states), 0).asMap().values());
    }

    private Cells read(List<Indicator> inds, List<OrgUnit> units, List<Period> periods, Visibility vis, int depth) {
        Cells out = new Cells();
        List<Indicator> storedInds = new ArrayList<>();
        List<Indicator> formulaInds = new ArrayList<>();
        for (Indicator i : inds) {
            if (i.formula() != null && !i.formula().isBlank()) {
                formulaInds.add(i);
            } else if (i.source() == IndicatorSource.PLUGIN) {
                // A plugin computes any span it is asked for (a year of a monthly rate, say).
                fromProvider(i, units, periods, out);
            } else {
                storedInds.add(i);
            }
        }
        if (!storedInds.isEmpty()) {
            Set<String> ids = new HashSet<>();
            storedInds.forEach(i -> own(i, periods).forEach(p -> ids.add(p.id())));
            out.addAll(stored.read(storedInds, units, ids, vis));
        }
        if (!formulaInds.isEmpty()) {
            fromFormulas(formulaInds, units, periods, vis, depth, out);
        }
        return out;
    }

    /** The asked periods of the indicator's own periodicity. */
    private static List<Period> own(Indicator i, List<Period> periods) {
        return periods.stream().filter(p -> p.periodicity() == i.periodicity()).toList();
    }

    private void fromProvider(Indicator i, List<OrgUnit> units, List<Period> periods, Cells out) {
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

    private void fromFormulas(List<Indicator> inds, List<OrgUnit> units, List<Period> periods, Visibility vis,
            int depth, Cells out) {
        if (depth > 8) {
            // Cycles are refused when a formula is saved; this bounds a chain of formulas all the same.
            LOG.warn("Formula chain deeper than 8 at {}", inds.stream().map(Indicator::code).toList());
            return;
        }
        Map<String, Formula> formulas = new HashMap<>();
        Set<Indicator> inputs = new LinkedHashSet<>();
        Set<Period> inputPeriods = new LinkedHashSet<>();
        for (Indicator i : inds) {
            try {
                Formula f = Formula.parse(i.formula());
                formulas.put(i.code(), f);
                for (String code : f.inputs()) {
                    indicators.find(code).ifPresent(in -> {
                        inputs.add(in);
                        own(i, periods).forEach(p -> inputPeriods.add(p.latestWithin(in.periodicity())));
                    });
                }
            } catch (FormulaException e) {
                LOG.warn("Indicator {} has a formula that does not parse: {}", i.code(), e.getMessage());
            }
        }
        Cells in = inputs.isEmpty() ? new Cells()
                : read(List.copyOf(inputs), units, List.copyOf(inputPeriods), vis, depth + 1);
        for (Indicator i : inds) {
            Formula f = formulas.get(i.code());
            if (f == null) {
                continue;
            }
            for (Period p : own(i, periods)) {
                for (OrgUnit u : units) {
                    IndicatorValue v = evaluate(i, f, u, p, in);
                    if (v != null) {
                        out.put(v);
                    }
                }
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

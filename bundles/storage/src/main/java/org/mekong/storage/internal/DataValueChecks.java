package org.mekong.storage.internal;

import static org.mekong.storage.internal.DataValueRows.blank;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.orgunit.PluginScope;
import org.mekong.core.api.orgunit.PluginScopes;

/**
 * The checks every data value write shares, whatever the channel (REST, batch, CSV, SOAP): the
 * indicator, unit, period, value and comment of an input, and the caller's and plugin's org-unit scope.
 */
final class DataValueChecks {
    static final int MAX_COMMENT = 2000;

    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final Supplier<PluginScopes> scopes;
    private final Clock clock;

    DataValueChecks(IndicatorRegistry indicators, OrgUnitService orgUnits, Supplier<PluginScopes> scopes, Clock clock) {
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.scopes = scopes;
        this.clock = clock;
    }

    /** A validated input with its resolved org unit and indicator; {@code prefix} is "values[i]." in a batch. */
    record Checked(DataValueInput input, OrgUnit unit, Indicator indicator, Period period, String prefix) {
        DataValueKey key() {
            return new DataValueKey(input.indicator(), input.orgUnit(), input.period());
        }
    }

    /** Validates one input; {@code memo} caches indicator lookups for the length of one call. */
    Checked check(Caller caller, DataValueInput in, String prefix, Map<String, Optional<Indicator>> memo) {
        if (in == null) {
            throw InvalidInputException.field(prefix.isEmpty() ? "body" : prefix + "value", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        Indicator indicator = null;
        if (blank(in.indicator())) {
            problems.add(new ErrorDetail(prefix + "indicator", "is required"));
        } else {
            indicator = memo.computeIfAbsent(in.indicator(), indicators::find).orElse(null);
            if (indicator == null) {
                problems.add(new ErrorDetail(prefix + "indicator", "unknown indicator '" + in.indicator() + "'"));
            } else if (indicator.retired()) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator() + "' is retired"));
            } else if (indicator.formula() != null && !indicator.formula().isBlank()) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator()
                        + "' is computed by formula and cannot be entered"));
            } else if (indicator.source() != IndicatorSource.MANUAL) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator()
                        + "' is computed (" + indicator.source() + ") and cannot be entered"));
            }
        }
        OrgUnit unit = null;
        if (blank(in.orgUnit())) {
            problems.add(new ErrorDetail(prefix + "orgUnit", "is required"));
        } else {
            unit = orgUnits.find(in.orgUnit()).orElse(null);
            if (unit == null) {
                problems.add(new ErrorDetail(prefix + "orgUnit", "unknown org unit '" + in.orgUnit() + "'"));
            }
        }
        Period period = null;
        try {
            period = Period.parse(in.period());
            String future = notStarted(period, LocalDate.now(clock));
            if (indicator != null && indicator.periodicity() != null && period.periodicity() != indicator.periodicity()) {
                problems.add(new ErrorDetail(prefix + "period", "indicator '" + indicator.code() + "' is reported "
                        + indicator.periodicity() + ", but '" + in.period() + "' is " + period.periodicity()));
            } else if (future != null) {
                problems.add(new ErrorDetail(prefix + "period", future));
            }
        } catch (InvalidInputException e) {
            problems.add(new ErrorDetail(prefix + "period", e.details().get(0).problem()));
        }
        if (in.value() == null) {
            problems.add(new ErrorDetail(prefix + "value", "is required"));
        } else if (in.value().isNaN() || in.value().isInfinite()) {
            problems.add(new ErrorDetail(prefix + "value", "must be a finite number"));
        } else if (indicator != null && indicator.rangeProblem(in.value()) != null) {
            problems.add(new ErrorDetail(prefix + "value", indicator.rangeProblem(in.value())));
        }
        if (in.comment() != null && in.comment().length() > MAX_COMMENT) {
            problems.add(new ErrorDetail(prefix + "comment", "at most " + MAX_COMMENT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
        if (!inScope(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not write data for org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
        checkPluginScope(indicator, unit.code());
        return new Checked(in, unit, indicator, period, prefix);
    }

    /**
     * A value describes a period that has begun: one for a period still to come would be a
     * forecast, not data (targets, which are about the future, live elsewhere). Answers the
     * problem, or null.
     */
    static String notStarted(Period period, LocalDate today) {
        if (!period.start().isAfter(today)) {
            return null;
        }
        return "period '" + period.id() + "' has not started yet (it starts on " + period.start()
                + "); values are entered once their period has begun";
    }

    /** A scoped plugin's indicator takes values only for units within the plugin's scope (403 otherwise). */
    private void checkPluginScope(Indicator indicator, String unit) {
        if (indicator.provider() == null || indicators.enabledAt(indicator.code(), unit)) {
            return;
        }
        String bundle = indicators.providerBundle(indicator.code()).orElse(indicator.provider());
        PluginScopes known = scopes.get();
        PluginScope scope = known == null ? null : known.scopeOf(bundle).orElse(null);
        throw new ForbiddenException("Indicator '" + indicator.code() + "' belongs to plugin " + bundle
                + ", which is enabled only for " + (scope == null || scope.units().isEmpty() ? "no unit" : "units "
                        + scope.units()) + (scope == null || scope.reason() == null ? "" : " (" + scope.reason() + ")")
                + "; '" + unit + "' is outside");
    }

    OrgUnit unit(String code, String field) {
        if (blank(code)) {
            throw InvalidInputException.field(field, "is required");
        }
        return orgUnits.find(code).orElseThrow(() -> InvalidInputException.field(field, "unknown org unit '" + code + "'"));
    }

    Optional<OrgUnit> find(String code) {
        return orgUnits.find(code);
    }

    boolean inScope(Caller caller, String unit) {
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> orgUnits.isWithin(unit, m));
    }

    /** Reading: national roles everywhere, others within their units' subtrees. */
    boolean readable(Caller caller, String unit) {
        return inScope(caller, unit);
    }

    /** Deciding (verify, reject, corrections): national roles, or a verifier of a unit strictly above. */
    boolean decidable(Caller caller, String unit) {
        return caller.isNational() || caller.orgUnits().stream()
                .anyMatch(m -> !m.equals(unit) && orgUnits.isWithin(unit, m));
    }

    /** A period filter of a query, parsed (400 naming {@code field} when it is not a period). */
    static Period period(String p, String field) {
        if (p == null) {
            return null;
        }
        try {
            return Period.parse(p);
        } catch (InvalidInputException e) {
            throw InvalidInputException.field(field, e.details().get(0).problem());
        }
    }
}

package org.mekong.sandbox.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.sandbox.internal.Views.DecisionInput;
import org.mekong.sandbox.internal.Views.Mechanism;
import org.mekong.sandbox.internal.Views.PilotInput;

/**
 * The checks of a pilot as sent (fields, dates, units, indicators; 400 naming each field) and the
 * unit rule of its writers: a caller without a national role names only units within its own
 * org units' subtrees, as pilot and as control units (403 naming the unit).
 */
final class PilotChecks {
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,63}$");
    private static final Pattern FEATURE = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,99}$");

    private final OrgUnitService units;
    private final IndicatorRegistry indicators;
    private final Supplier<List<Mechanism>> mechanisms;

    PilotChecks(OrgUnitService units, IndicatorRegistry indicators, Supplier<List<Mechanism>> mechanisms) {
        this.units = units;
        this.indicators = indicators;
        this.mechanisms = mechanisms;
    }

    /** 403 naming the first unit of {@code field} that lies outside the caller's units (national callers pass). */
    void requireWithin(Caller caller, String field, Collection<String> codes) {
        for (String code : codes) {
            if (!units.covers(caller, code)) {
                throw new ForbiddenException("User '" + caller.username() + "' may not name unit '" + code + "' in "
                        + field + ": it is outside their units " + caller.orgUnits(),
                        List.of(new ErrorDetail(field, "'" + code + "' is outside your units " + caller.orgUnits())));
            }
        }
    }

    record CheckedDecision(String decision, String reason, String evidence, LocalDate until, List<String> added) {
    }

    /** A decision as sent: WIDEN with units, EXTEND with a new end after {@code currentEnd}, or STOP; a reason always. */
    CheckedDecision checkDecision(DecisionInput in, LocalDate currentEnd) {
        if (in == null) {
            throw new InvalidInputException("A JSON decision is required");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        String decision = in.decision() == null ? "" : in.decision().trim().toUpperCase(Locale.ROOT);
        if (!List.of("WIDEN", "EXTEND", "STOP").contains(decision)) {
            errors.add(new ErrorDetail("decision", "one of WIDEN, EXTEND, STOP"));
        }
        String reason = text(errors, "reason", in.reason(), 4000, true);
        String evidence = text(errors, "evidence", in.evidence(), 4000, false);
        LocalDate until = null;
        List<String> added = List.of();
        if ("EXTEND".equals(decision)) {
            until = in.until() == null || in.until().isBlank() ? null : parse(errors, "until", in.until());
            if (until == null && errors.stream().noneMatch(e -> "until".equals(e.field()))) {
                errors.add(new ErrorDetail("until", "the new end date is required to extend (yyyy-mm-dd)"));
            } else if (until != null && !until.isAfter(currentEnd)) {
                errors.add(new ErrorDetail("until", "must be after the current end " + currentEnd));
            }
        }
        if ("WIDEN".equals(decision)) {
            added = codes(errors, "units", in.units());
            if (added.isEmpty() && errors.stream().noneMatch(e -> "units".equals(e.field()))) {
                errors.add(new ErrorDetail("units", "name the units that join the pilot"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The decision has " + errors.size() + " problem(s)", errors);
        }
        return new CheckedDecision(decision, reason, evidence, until, added);
    }

    record Checked(String code, String titleVi, String titleEn, String mechanism, String policy,
            LocalDate start, LocalDate end, String feature, List<String> pilotUnits, List<String> controlUnits,
            List<String> indicators) {
    }

    Checked check(PilotInput in, boolean creating) {
        if (in == null) {
            throw new InvalidInputException("A JSON pilot is required");
        }
        List<ErrorDetail> errors = new ArrayList<>();
        String code = in.code() == null ? null : in.code().trim().toUpperCase(Locale.ROOT);
        if (creating && (code == null || !CODE.matcher(code).matches())) {
            errors.add(new ErrorDetail("code", "2-64 capital letters, digits and hyphens, e.g. PILOT-HUE-1"));
        }
        String titleVi = text(errors, "titleVi", in.titleVi(), 300, true);
        String titleEn = text(errors, "titleEn", in.titleEn(), 300, false);
        String policy = text(errors, "policy", in.policy(), 4000, true);
        String mechanism = in.mechanism() == null ? null : in.mechanism().trim();
        if (mechanism == null || mechanism.isEmpty()) {
            errors.add(new ErrorDetail("mechanism", "required: one of GET /api/sandbox/mechanisms"));
        } else if (mechanisms.get().stream().noneMatch(m -> m.code().equals(mechanism))) {
            errors.add(new ErrorDetail("mechanism", "unknown; one of GET /api/sandbox/mechanisms"));
        }
        LocalDate start = in.start() == null || in.start().isBlank() ? null : parse(errors, "start", in.start());
        LocalDate end = in.end() == null || in.end().isBlank() ? null : parse(errors, "end", in.end());
        if (start == null && errors.stream().noneMatch(e -> "start".equals(e.field()))) {
            errors.add(new ErrorDetail("start", "required (yyyy-mm-dd)"));
        }
        if (end == null && errors.stream().noneMatch(e -> "end".equals(e.field()))) {
            errors.add(new ErrorDetail("end", "required (yyyy-mm-dd)"));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new ErrorDetail("end", "must be after the start " + start));
        }
        String feature = in.feature() == null || in.feature().isBlank() ? null : in.feature().trim();
        if (feature != null && !FEATURE.matcher(feature).matches()) {
            errors.add(new ErrorDetail("feature", "a Karaf feature name such as mekong-province-hue"));
        }
        List<String> pilot = codes(errors, "pilotUnits", in.pilotUnits());
        List<String> control = codes(errors, "controlUnits", in.controlUnits());
        if (pilot.isEmpty() && errors.stream().noneMatch(e -> "pilotUnits".equals(e.field()))) {
            errors.add(new ErrorDetail("pilotUnits", "at least one pilot unit"));
        }
        List<String> both = pilot.stream().filter(control::contains).toList();
        if (!both.isEmpty()) {
            errors.add(new ErrorDetail("controlUnits", "a unit cannot be pilot and control at once: " + both));
        }
        List<String> inds = new ArrayList<>();
        for (String i : in.indicators() == null ? List.<String>of() : in.indicators()) {
            String x = i == null ? "" : i.trim();
            if (x.isEmpty() || inds.contains(x)) {
                continue;
            }
            if (indicators.find(x).isEmpty()) {
                errors.add(new ErrorDetail("indicators", "unknown indicator '" + x + "'"));
            } else {
                inds.add(x);
            }
        }
        if (inds.isEmpty() && errors.stream().noneMatch(e -> "indicators".equals(e.field()))) {
            errors.add(new ErrorDetail("indicators", "watch at least one indicator"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The pilot has " + errors.size() + " problem(s)", errors);
        }
        return new Checked(code, titleVi, titleEn, mechanism, policy, start, end, feature, pilot, control, inds);
    }

    List<String> codes(List<ErrorDetail> errors, String field, List<String> given) {
        List<String> out = new ArrayList<>();
        for (String u : given == null ? List.<String>of() : given) {
            String x = u == null ? "" : u.trim();
            if (x.isEmpty() || out.contains(x)) {
                continue;
            }
            if (units.find(x).isEmpty()) {
                errors.add(new ErrorDetail(field, "'" + x + "' is not an org unit"));
            } else {
                out.add(x);
            }
        }
        if (out.size() > 500) {
            errors.add(new ErrorDetail(field, "at most 500 units"));
        }
        return out;
    }

    static String text(List<ErrorDetail> errors, String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new ErrorDetail(field, "required"));
            }
            return null;
        }
        if (v.length() > max) {
            errors.add(new ErrorDetail(field, "at most " + max + " characters"));
        }
        if (v.chars().anyMatch(ch -> ch < 32 && ch != '\n' && ch != '\r' && ch != '\t')) {
            errors.add(new ErrorDetail(field, "contains control characters"));
        }
        return v;
    }

    static LocalDate parse(List<ErrorDetail> errors, String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new ErrorDetail(field, "a date as yyyy-mm-dd"));
            return null;
        }
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "a date as yyyy-mm-dd");
        }
    }

}

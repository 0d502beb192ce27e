package org.mekong.sandbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.sandbox.internal.Views.Decision;
import org.mekong.sandbox.internal.Views.DecisionInput;
import org.mekong.sandbox.internal.Views.Evaluation;
import org.mekong.sandbox.internal.Views.Mechanism;
import org.mekong.sandbox.internal.Views.Pilot;
import org.mekong.sandbox.internal.Views.PilotInput;
import org.mekong.sandbox.internal.Views.PilotSummary;
import org.mekong.sandbox.internal.Views.PilotUnit;
import org.mekong.sandbox.internal.Views.WatchedIndicator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Pilots: a policy under one of Resolution 193's mechanisms, tried in pilot units against control
 * units for a period, with watched indicators; then a decision — WIDEN (more units join as pilot
 * units), EXTEND (a later end) or STOP — with its reason and, as evidence, the evaluation it was
 * based on. Anyone may read pilots and evaluations (they are public information); CENTRAL_IT and
 * LEADER (and ADMIN) create, change and decide. Events {@code mekong/sandbox/<CHANGE>} tell other
 * plugins when a pilot's units change.
 */
@Component(service = PilotService.class)
public class PilotService {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Role[] DECIDERS = { Role.CENTRAL_IT, Role.LEADER };
    /** Roles that see submitted values of the units they cover, as with the data values themselves. */
    private static final Role[] STAFF = { Role.ADMIN, Role.CENTRAL_IT, Role.LEADER, Role.VERIFIER, Role.REPORTER };
    static final String COLUMNS = "ID, CODE, TITLE_VI, TITLE_EN, MECHANISM, POLICY, START_DATE, END_DATE, FEATURE, "
            + "DECISION, CREATED_BY, UPDATED_AT, VERSION";

    private final DataSource ds;
    private final OrgUnitService units;
    private final IndicatorRegistry indicators;
    private final Evaluator evaluator;
    private final AuditService audit;
    private final EventAdmin events;
    private final PilotScopes pilotScopes;
    private final PilotChecks checks;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Row(long id, String code, String titleVi, String titleEn, String mechanism, String policy, LocalDate start,
            LocalDate end, String feature, String decision, String createdBy, Instant updatedAt, long version) {
    }

    @Activate
    public PilotService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference IndicatorRegistry indicators, @Reference Evaluator evaluator,
            @Reference AuditService audit, @Reference EventAdmin events, @Reference SandboxSchema schema,
            @Reference PilotScopes pilotScopes) {
        this.ds = ds;
        this.units = units;
        this.indicators = indicators;
        this.evaluator = evaluator;
        this.audit = audit;
        this.events = events;
        this.pilotScopes = pilotScopes;
        this.checks = new PilotChecks(units, indicators, this::mechanisms);
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public List<Mechanism> mechanisms() {
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT CODE, SEQ_NO, NAME_VI, NAME_EN FROM SB_MECHANISM ORDER BY SEQ_NO",
                r -> new Mechanism(r.getString(1), r.getInt(2), r.getString(3), r.getString(4))));
    }

    public Page<PilotSummary> list(String mechanism, String status, int offset, int limit) {
        List<PilotSummary> all = Jdbc.read(ds, c -> {
            Map<Long, int[]> counts = new HashMap<>();
            Jdbc.list(c, "SELECT PILOT_ID, GROUP_ROLE, COUNT(*) FROM SB_PILOT_UNIT GROUP BY PILOT_ID, GROUP_ROLE", r -> {
                counts.computeIfAbsent(r.getLong(1), k -> new int[3])["PILOT".equals(r.getString(2)) ? 0 : 1] = r.getInt(3);
                return null;
            });
            Jdbc.list(c, "SELECT PILOT_ID, COUNT(*) FROM SB_PILOT_INDICATOR GROUP BY PILOT_ID", r -> {
                counts.computeIfAbsent(r.getLong(1), k -> new int[3])[2] = r.getInt(2);
                return null;
            });
            return Jdbc.list(c, "SELECT " + COLUMNS + " FROM SB_PILOT ORDER BY START_DATE DESC, CODE", r -> {
                Row x = row(r);
                int[] n = counts.getOrDefault(x.id(), new int[3]);
                return new PilotSummary(x.code(), x.titleVi(), x.titleEn(), x.mechanism(), x.start(), x.end(),
                        status(x), n[0], n[1], n[2]);
            });
        });
        List<PilotSummary> filtered = all.stream()
                .filter(p -> mechanism == null || mechanism.isBlank() || p.mechanism().equals(mechanism.trim()))
                .filter(p -> status == null || status.isBlank() || p.status().equalsIgnoreCase(status.trim())).toList();
        int to = Math.min(filtered.size(), offset + limit);
        return new Page<>(offset >= filtered.size() ? List.of() : filtered.subList(offset, to), filtered.size(), offset,
                limit);
    }

    public Pilot get(String code) {
        return Jdbc.read(ds, c -> view(c, load(c, code)));
    }

    /**
     * The evaluation as the caller may see it: staff whose units cover every unit of the pilot
     * (pilot and control) count submitted values too, everyone else verified values only.
     */
    public Evaluation evaluate(Caller caller, String code, String asOfText) {
        LocalDate asOf = asOfText == null || asOfText.isBlank() ? today() : PilotChecks.date("asOf", asOfText);
        Row r = Jdbc.read(ds, c -> load(c, code));
        List<String> watched = Jdbc.read(ds, c -> watched(c, r.id()));
        boolean staff = !caller.isAnonymous() && caller.hasAnyRole(STAFF)
                && unitsOf(r.id()).stream().allMatch(u -> units.covers(caller, u));
        return evaluator.evaluate(caller, r.id(), r.code(), r.start(), r.end(), watched, asOf, !staff);
    }

    public Pilot create(Caller caller, PilotInput in) {
        caller.require(DECIDERS);
        if (in != null && in.feature() != null && !in.feature().isBlank()) {
            PilotScopes.requireCentralIt(caller, in.feature());
        }
        PilotChecks.Checked v = checks.check(in, true);
        checks.requireWithin(caller, "pilotUnits", v.pilotUnits());
        checks.requireWithin(caller, "controlUnits", v.controlUnits());
        if (v.feature() != null) {
            pilotScopes.check(caller, v.feature());
        }
        Instant now = Instant.now();
        Pilot p = Jdbc.write(ds, c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM SB_PILOT WHERE CODE = ?", v.code()) > 0) {
                throw new ConflictException("A pilot '" + v.code() + "' exists already",
                        List.of(new ErrorDetail("code", "already used")));
            }
            long id = Jdbc.insert(c, "INSERT INTO SB_PILOT (CODE, TITLE_VI, TITLE_EN, MECHANISM, POLICY, START_DATE, "
                    + "END_DATE, FEATURE, CREATED_BY, CREATED_AT, UPDATED_BY, UPDATED_AT, VERSION) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", v.code(), v.titleVi(), v.titleEn(), v.mechanism(),
                    v.policy(), v.start(), v.end(), v.feature(), caller.username(), now, caller.username(), now);
            writeUnitsAndIndicators(c, id, v, now);
            return view(c, load(c, v.code()));
        });
        audit.record(caller.username(), "Pilot", p.code(), "CREATE", null, Map.of("title", p.titleVi(), "pilotUnits",
                v.pilotUnits(), "controlUnits", v.controlUnits(), "indicators", v.indicators()));
        pilotScopes.apply(caller, p);
        post("CREATED", p);
        return p;
    }

    public Pilot update(Caller caller, String code, PilotInput in) {
        caller.require(DECIDERS);
        if (in != null && in.feature() != null && !in.feature().isBlank()) {
            PilotScopes.requireCentralIt(caller, in.feature());
        }
        PilotChecks.Checked v = checks.check(in, false);
        if (in.version() == null) {
            throw InvalidInputException.field("version", "the version you edited is required");
        }
        checks.requireWithin(caller, "pilotUnits", v.pilotUnits());
        checks.requireWithin(caller, "controlUnits", v.controlUnits());
        Row current = Jdbc.read(ds, c -> load(c, code));
        if (v.feature() != null && !v.feature().equals(current.feature())) {
            pilotScopes.check(caller, v.feature());
        }
        Instant now = Instant.now();
        Pilot p = Jdbc.write(ds, c -> {
            Row r = load(c, code);
            // the pilot as stored: its feature's scope and its units are changed by this edit too
            if (r.feature() != null) {
                PilotScopes.requireCentralIt(caller, r.feature());
            }
            checks.requireWithin(caller, "units", unitsOf(c, r.id()));
            if (r.version() != in.version()) {
                throw new ConflictException("Pilot " + code + " was changed since you loaded it (version "
                        + in.version() + ", now " + r.version() + "); reload and apply your change again");
            }
            if ("STOP".equals(r.decision())) {
                throw new ConflictException("Pilot " + code + " was stopped; it can no longer be changed");
            }
            Jdbc.update(c, "UPDATE SB_PILOT SET TITLE_VI = ?, TITLE_EN = ?, MECHANISM = ?, POLICY = ?, START_DATE = ?, "
                    + "END_DATE = ?, FEATURE = ?, UPDATED_BY = ?, UPDATED_AT = ?, VERSION = VERSION + 1 WHERE ID = ?",
                    v.titleVi(), v.titleEn(), v.mechanism(), v.policy(), v.start(), v.end(), v.feature(),
                    caller.username(), now, r.id());
            Jdbc.update(c, "DELETE FROM SB_PILOT_UNIT WHERE PILOT_ID = ?", r.id());
            Jdbc.update(c, "DELETE FROM SB_PILOT_INDICATOR WHERE PILOT_ID = ?", r.id());
            writeUnitsAndIndicators(c, r.id(), v, now);
            return view(c, load(c, code));
        });
        audit.record(caller.username(), "Pilot", code, "EDIT", null, Map.of("pilotUnits", v.pilotUnits(),
                "controlUnits", v.controlUnits(), "indicators", v.indicators(), "end", v.end().toString()));
        if (current.feature() != null && !current.feature().equals(v.feature())) {
            pilotScopes.release(caller, p.code(), current.feature());
        }
        pilotScopes.apply(caller, p);
        post("CHANGED", p);
        return p;
    }

    /** Records a decision with the current evaluation as its evidence; WIDEN adds units, EXTEND moves the end. */
    public Pilot decide(Caller caller, String code, DecisionInput in) {
        caller.require(DECIDERS);
        Row r = Jdbc.read(ds, c -> load(c, code));
        if (r.feature() != null) {
            PilotScopes.requireCentralIt(caller, r.feature());
        }
        checks.requireWithin(caller, "units", unitsOf(r.id()));
        PilotChecks.CheckedDecision d = checks.checkDecision(in, r.end());
        String decision = d.decision();
        String reason = d.reason();
        String evidence = d.evidence();
        LocalDate until = d.until();
        List<String> added = d.added();
        checks.requireWithin(caller, "units", added);
        if ("STOP".equals(r.decision())) {
            throw new ConflictException("Pilot " + code + " was stopped already");
        }
        if (today().isBefore(r.start())) {
            throw new ConflictException("Pilot " + code + " starts on " + r.start() + "; decide once it has run");
        }
        // the evidence is shown with the pilot to everyone: the public view, verified values only
        Evaluation evaluation = evaluate(Caller.anonymous(), code, null);
        String evaluationJson;
        try {
            evaluationJson = json.writeValueAsString(evaluation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Instant now = Instant.now();
        LocalDate newEnd = until;
        List<String> joining = added;
        Pilot p = Jdbc.write(ds, c -> {
            Set<String> existing = new LinkedHashSet<>(Jdbc.list(c, "SELECT UNIT_CODE FROM SB_PILOT_UNIT WHERE PILOT_ID = ?",
                    x -> x.getString(1), r.id()));
            for (String u : joining) {
                if (existing.contains(u)) {
                    Jdbc.update(c, "UPDATE SB_PILOT_UNIT SET GROUP_ROLE = 'PILOT', ADDED_AT = ? WHERE PILOT_ID = ? "
                            + "AND UNIT_CODE = ?", now, r.id(), u);
                } else {
                    Jdbc.update(c, "INSERT INTO SB_PILOT_UNIT (PILOT_ID, UNIT_CODE, GROUP_ROLE, ADDED_AT) VALUES (?, ?, "
                            + "'PILOT', ?)", r.id(), u, now);
                }
            }
            Jdbc.update(c, "UPDATE SB_PILOT SET DECISION = ?, END_DATE = ?, UPDATED_BY = ?, UPDATED_AT = ?, "
                    + "VERSION = VERSION + 1 WHERE ID = ?", decision, newEnd == null ? r.end() : newEnd,
                    caller.username(), now, r.id());
            Jdbc.insert(c, "INSERT INTO SB_DECISION (PILOT_ID, DECISION, REASON, EVIDENCE, EVALUATION, NEW_END_DATE, "
                    + "ADDED_UNITS, DECIDED_BY, DECIDED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), decision, reason,
                    evidence, evaluationJson, newEnd == null ? Jdbc.Null.DATE : newEnd,
                    joining.isEmpty() ? null : String.join(",", joining), caller.username(), now);
            return view(c, load(c, code));
        });
        audit.record(caller.username(), "Pilot", code, decision, Map.of("end", r.end().toString()),
                Map.of("end", p.end().toString(), "reason", reason, "addedUnits", joining));
        pilotScopes.apply(caller, p);
        post(decision, p);
        return p;
    }

    /** The org unit codes of a pilot's pilot group (for scoped plugins), empty when unknown. */
    public List<String> pilotUnits(String code) {
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT U.UNIT_CODE FROM SB_PILOT_UNIT U JOIN SB_PILOT P ON P.ID = U.PILOT_ID "
                + "WHERE P.CODE = ? AND U.GROUP_ROLE = 'PILOT' ORDER BY U.UNIT_CODE", r -> r.getString(1), code));
    }

    // ------------------------------------------------------------------ helpers

    private List<String> unitsOf(long pilotId) {
        return Jdbc.read(ds, c -> unitsOf(c, pilotId));
    }

    private static List<String> unitsOf(Connection c, long pilotId) throws SQLException {
        return Jdbc.list(c, "SELECT UNIT_CODE FROM SB_PILOT_UNIT WHERE PILOT_ID = ?", r -> r.getString(1), pilotId);
    }

    private static void writeUnitsAndIndicators(Connection c, long id, PilotChecks.Checked v, Instant now)
            throws SQLException {
        for (String u : v.pilotUnits()) {
            Jdbc.update(c, "INSERT INTO SB_PILOT_UNIT (PILOT_ID, UNIT_CODE, GROUP_ROLE, ADDED_AT) VALUES (?, ?, 'PILOT', ?)",
                    id, u, now);
        }
        for (String u : v.controlUnits()) {
            Jdbc.update(c, "INSERT INTO SB_PILOT_UNIT (PILOT_ID, UNIT_CODE, GROUP_ROLE, ADDED_AT) VALUES (?, ?, 'CONTROL', ?)",
                    id, u, now);
        }
        for (String i : v.indicators()) {
            Jdbc.update(c, "INSERT INTO SB_PILOT_INDICATOR (PILOT_ID, INDICATOR_CODE) VALUES (?, ?)", id, i);
        }
    }

    static String status(Row r) {
        LocalDate today = today();
        if ("STOP".equals(r.decision())) {
            return "STOPPED";
        }
        if ("WIDEN".equals(r.decision())) {
            return "WIDENED";
        }
        if (today.isBefore(r.start())) {
            return "PLANNED";
        }
        if (today.isAfter(r.end())) {
            return "ENDED";
        }
        return "EXTEND".equals(r.decision()) ? "EXTENDED" : "RUNNING";
    }

    private Row load(Connection c, String code) throws SQLException {
        String key = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM SB_PILOT WHERE CODE = ?", PilotService::row, key)
                .orElseThrow(() -> new NotFoundException("No pilot '" + code + "'"));
    }

    private static Row row(java.sql.ResultSet r) throws SQLException {
        return new Row(r.getLong("ID"), r.getString("CODE"), r.getString("TITLE_VI"), r.getString("TITLE_EN"),
                r.getString("MECHANISM"), r.getString("POLICY"), r.getDate("START_DATE").toLocalDate(),
                r.getDate("END_DATE").toLocalDate(), r.getString("FEATURE"), r.getString("DECISION"),
                r.getString("CREATED_BY"), Jdbc.getInstant(r, "UPDATED_AT"), r.getLong("VERSION"));
    }

    private static List<String> watched(Connection c, long id) throws SQLException {
        return Jdbc.list(c, "SELECT INDICATOR_CODE FROM SB_PILOT_INDICATOR WHERE PILOT_ID = ? ORDER BY INDICATOR_CODE",
                r -> r.getString(1), id);
    }

    private Pilot view(Connection c, Row r) throws SQLException {
        Mechanism m = mechanisms().stream().filter(x -> x.code().equals(r.mechanism())).findFirst()
                .orElse(new Mechanism(r.mechanism(), 0, r.mechanism(), r.mechanism()));
        List<PilotUnit> us = Jdbc.list(c, "SELECT UNIT_CODE, GROUP_ROLE, ADDED_AT FROM SB_PILOT_UNIT WHERE PILOT_ID = ? "
                + "ORDER BY GROUP_ROLE DESC, UNIT_CODE", x -> {
                    OrgUnit u = units.find(x.getString(1)).orElse(null);
                    return new PilotUnit(x.getString(1), u == null ? null : u.nameVi(), u == null ? null : u.nameEn(),
                            x.getString(2), Jdbc.getInstant(x, "ADDED_AT"));
                }, r.id());
        List<WatchedIndicator> wi = new ArrayList<>();
        for (String code : watched(c, r.id())) {
            Indicator i = indicators.find(code).orElse(null);
            wi.add(i == null ? new WatchedIndicator(code, code, code, null, null, null)
                    : new WatchedIndicator(code, i.nameVi(), i.nameEn(), i.unit(), i.periodicity().name(),
                            i.direction().name()));
        }
        List<Decision> ds2 = Jdbc.list(c, "SELECT ID, DECISION, REASON, EVIDENCE, EVALUATION, NEW_END_DATE, ADDED_UNITS, "
                + "DECIDED_BY, DECIDED_AT FROM SB_DECISION WHERE PILOT_ID = ? ORDER BY DECIDED_AT DESC, ID DESC", x -> {
                    Evaluation e;
                    try {
                        e = json.readValue(x.getString(5), Evaluation.class);
                    } catch (JsonProcessingException ex) {
                        e = null;
                    }
                    java.sql.Date nd = x.getDate(6);
                    String added = x.getString(7);
                    return new Decision(x.getLong(1), x.getString(2), x.getString(3), x.getString(4),
                            nd == null ? null : nd.toLocalDate(), added == null ? List.of() : Arrays.asList(added.split(",")),
                            x.getString(8), Jdbc.getInstant(x, "DECIDED_AT"), e);
                }, r.id());
        return new Pilot(r.code(), r.titleVi(), r.titleEn(), m, r.policy(), r.start(), r.end(), status(r), r.decision(),
                r.feature(), us, wi, ds2, r.createdBy(), r.updatedAt(), r.version());
    }

    private void post(String change, Pilot p) {
        Map<String, Object> props = new HashMap<>();
        props.put("pilot", p.code());
        props.put("feature", p.feature() == null ? "" : p.feature());
        props.put("pilotUnits", p.units().stream().filter(u -> "PILOT".equals(u.group())).map(PilotUnit::code).toList()
                .toArray(new String[0]));
        events.postEvent(new Event("mekong/sandbox/" + change, props));
    }
}

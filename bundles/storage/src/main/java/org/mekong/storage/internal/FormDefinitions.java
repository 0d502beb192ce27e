package org.mekong.storage.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.Role;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.orgunit.OrgUnitLevel;
import org.mekong.core.jdbc.Jdbc;

/**
 * Reporting form definitions in REPORTING_FORM and REPORTING_FORM_MEMBER: create, replace and delete
 * under an optimistic version, each with its audit entry in the same transaction.
 */
final class FormDefinitions {
    private static final String INDICATOR = "INDICATOR";
    private static final String LEVEL = "LEVEL";
    private static final String UNIT = "UNIT";

    private final DataSource ds;
    private final FormChecks checks;

    FormDefinitions(DataSource ds, FormChecks checks) {
        this.ds = ds;
        this.checks = checks;
    }

    List<ReportingForm> all() {
        return Jdbc.read(ds, FormDefinitions::all);
    }

    Optional<ReportingForm> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return all().stream().filter(f -> f.code().equals(code)).findFirst();
    }

    ReportingForm get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("Không có biểu mẫu '" + code + "' / no reporting form '"
                + code + "'"));
    }

    ReportingForm create(Caller caller, ReportingForm form) {
        caller.require(Role.CENTRAL_IT);
        checks.check(form);
        Instant now = Instant.now();
        return Jdbc.write(ds, c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM REPORTING_FORM WHERE CODE = ?", form.code()) > 0) {
                throw new ConflictException("Biểu mẫu '" + form.code() + "' đã có / reporting form '" + form.code()
                        + "' exists already");
            }
            Jdbc.update(c, "INSERT INTO REPORTING_FORM (CODE, NAME_VI, NAME_EN, PERIODICITY, DUE_DAYS, VERSION, UPDATED_BY, "
                    + "UPDATED_AT) VALUES (?, ?, ?, ?, ?, 1, ?, ?)", form.code(), form.nameVi().trim(),
                    form.nameEn().trim(), form.periodicity(), form.dueDays(), caller.username(), now);
            members(c, form);
            ReportingForm created = withVersion(form, 1);
            AuditServiceImpl.record(c, caller.username(), now, "ReportingForm", form.code(), "CREATE", null, created, null);
            return created;
        });
    }

    ReportingForm update(Caller caller, String code, ReportingForm form) {
        caller.require(Role.CENTRAL_IT);
        if (form != null && form.code() != null && !form.code().equals(code)) {
            throw InvalidInputException.field("code", "mã không đổi được: '" + code + "' / the code cannot change: '"
                    + form.code() + "' in the body, '" + code + "' in the path");
        }
        ReportingForm f = form == null ? null : new ReportingForm(code, form.nameVi(), form.nameEn(), form.periodicity(),
                form.dueDays(), form.indicators(), form.levels(), form.orgUnits(), form.version());
        checks.check(f);
        Instant now = Instant.now();
        return Jdbc.write(ds, c -> {
            ReportingForm before = lockedCurrent(c, code, f.version());
            Jdbc.update(c, "UPDATE REPORTING_FORM SET NAME_VI = ?, NAME_EN = ?, PERIODICITY = ?, DUE_DAYS = ?, "
                    + "VERSION = VERSION + 1, UPDATED_BY = ?, UPDATED_AT = ? WHERE CODE = ?", f.nameVi().trim(),
                    f.nameEn().trim(), f.periodicity(), f.dueDays(), caller.username(), now, code);
            Jdbc.update(c, "DELETE FROM REPORTING_FORM_MEMBER WHERE FORM_CODE = ?", code);
            members(c, f);
            ReportingForm after = withVersion(f, before.version() + 1);
            AuditServiceImpl.record(c, caller.username(), now, "ReportingForm", code, "UPDATE", before, after, null);
            return after;
        });
    }

    void delete(Caller caller, String code, long version) {
        caller.require(Role.CENTRAL_IT);
        Instant now = Instant.now();
        Jdbc.write(ds, c -> {
            ReportingForm before = lockedCurrent(c, code, version);
            Jdbc.update(c, "DELETE FROM REPORTING_FORM_MEMBER WHERE FORM_CODE = ?", code);
            Jdbc.update(c, "DELETE FROM REPORTING_FORM WHERE CODE = ?", code);
            AuditServiceImpl.record(c, caller.username(), now, "ReportingForm", code, "DELETE", before, null, null);
            return null;
        });
    }

    /** The stored form, locked for the change; 404 when there is none, 409 when its version has moved on. */
    private static ReportingForm lockedCurrent(Connection c, String code, long version) throws SQLException {
        Optional<Long> stored = Jdbc.one(c, "SELECT VERSION FROM REPORTING_FORM WHERE CODE = ? FOR UPDATE",
                rs -> rs.getLong(1), code);
        if (stored.isEmpty()) {
            throw new NotFoundException("Không có biểu mẫu '" + code + "' / no reporting form '" + code + "'");
        }
        if (stored.get() != version) {
            throw new ConflictException("Biểu mẫu '" + code + "' đã được sửa (phiên bản " + stored.get() + "); hãy đọc lại / "
                    + "reporting form '" + code + "' has changed meanwhile (version " + stored.get() + ", not " + version
                    + "); read it again");
        }
        return all(c).stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    private static void members(Connection c, ReportingForm f) throws SQLException {
        insert(c, f.code(), INDICATOR, f.indicators());
        insert(c, f.code(), LEVEL, f.levels().stream().map(Enum::name).toList());
        insert(c, f.code(), UNIT, f.orgUnits());
    }

    private static void insert(Connection c, String form, String kind, List<String> codes) throws SQLException {
        for (int i = 0; i < codes.size(); i++) {
            Jdbc.update(c, "INSERT INTO REPORTING_FORM_MEMBER (FORM_CODE, KIND, POSITION, MEMBER_CODE) VALUES (?, ?, ?, ?)",
                    form, kind, i, codes.get(i));
        }
    }

    private static ReportingForm withVersion(ReportingForm f, long version) {
        return new ReportingForm(f.code(), f.nameVi().trim(), f.nameEn().trim(), f.periodicity(), f.dueDays(),
                f.indicators(), f.levels(), f.orgUnits(), version);
    }

    /** Every form with its members, by code (the forms are few: tens, not thousands). */
    private static List<ReportingForm> all(Connection c) throws SQLException {
        Map<String, Map<String, List<String>>> members = new LinkedHashMap<>();
        for (String[] m : Jdbc.list(c, "SELECT FORM_CODE, KIND, MEMBER_CODE FROM REPORTING_FORM_MEMBER "
                + "ORDER BY FORM_CODE, KIND, POSITION", rs -> new String[] { rs.getString(1), rs.getString(2),
                        rs.getString(3) })) {
            members.computeIfAbsent(m[0], k -> new LinkedHashMap<>()).computeIfAbsent(m[1], k -> new ArrayList<>()).add(m[2]);
        }
        return Jdbc.list(c, "SELECT CODE, NAME_VI, NAME_EN, PERIODICITY, DUE_DAYS, VERSION FROM REPORTING_FORM ORDER BY CODE",
                rs -> {
                    Map<String, List<String>> m = members.getOrDefault(rs.getString(1), Map.of());
                    return new ReportingForm(rs.getString(1), rs.getString(2), rs.getString(3),
                            Periodicity.valueOf(rs.getString(4)), rs.getInt(5), m.getOrDefault(INDICATOR, List.of()),
                            m.getOrDefault(LEVEL, List.<String>of()).stream().map(OrgUnitLevel::valueOf).toList(),
                            m.getOrDefault(UNIT, List.of()), rs.getLong(6));
                });
    }
}

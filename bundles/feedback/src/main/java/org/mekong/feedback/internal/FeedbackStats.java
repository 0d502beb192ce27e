package org.mekong.feedback.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Views.UnitRef;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Received, resolved, resolution rate, processing time and overdue items per unit, computed in
 * the database with one grouped query over the subtree. Items are counted at their responsible
 * unit (their place until they are assigned); merged items count once, in their primary.
 */
@Component(service = FeedbackStats.class)
public class FeedbackStats {
    private final DataSource ds;
    private final OrgUnitService units;

    @Activate
    public FeedbackStats(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference FeedbackSchema schema) {
        this.ds = ds;
        this.units = units;
    }

    /** The figures of one unit (its whole subtree) or one row of a table. */
    public record Figures(long received, long resolved, Double rate, Double avgDays, long overdue, long late) {
        static Figures of(long received, long resolved, long minutes, long overdue, long late) {
            return new Figures(received, resolved, received == 0 ? null : Math.round(resolved * 10000.0 / received) / 10000.0,
                    resolved == 0 ? null : Math.round(minutes / 1440.0 / resolved * 10) / 10.0, overdue, late);
        }
    }

    public record ChildRow(UnitRef orgUnit, boolean hasChildren, long received, long resolved, Double rate,
            Double avgDays, long overdue, long late) {
    }

    public record Stats(UnitRef orgUnit, LocalDate from, LocalDate to, LocalDate asOf, Figures total, Figures own,
            List<ChildRow> children, List<UnitRef> breadcrumb) {
    }

    private record Acc(long[] v) {
        Acc() {
            this(new long[5]);
        }

        void add(long[] o) {
            for (int i = 0; i < v.length; i++) {
                v[i] += o[i];
            }
        }

        Figures figures() {
            return Figures.of(v[0], v[1], v[2], v[3], v[4]);
        }
    }

    public Stats stats(String orgUnit, String fromText, String toText, String asOfText) {
        LocalDate today = FeedbackService.today();
        LocalDate from = date("from", fromText, today.withDayOfYear(1));
        LocalDate to = date("to", toText, today);
        LocalDate asOf = date("asOf", asOfText, today);
        if (to.isBefore(from)) {
            throw InvalidInputException.field("to", "is before from (" + from + ")");
        }
        OrgUnit unit = orgUnit == null || orgUnit.isBlank()
                ? units.search(org.mekong.core.api.orgunit.OrgUnitLevel.NATIONAL, null, 0, 1).items().stream().findFirst()
                        .orElseThrow()
                : units.find(orgUnit.trim()).orElseThrow(() -> InvalidInputException.field("orgUnit", "'" + orgUnit
                        + "' is not an org unit"));
        Map<String, long[]> byPath = grouped(unit.path(), from, to, asOf);
        Map<String, Acc> byChild = new HashMap<>();
        Acc total = new Acc();
        Acc own = new Acc();
        for (Map.Entry<String, long[]> e : byPath.entrySet()) {
            total.add(e.getValue());
            String rest = e.getKey().substring(unit.path().length());
            if (rest.isEmpty()) {
                own.add(e.getValue());
            } else {
                byChild.computeIfAbsent(rest.substring(0, rest.indexOf('/')), k -> new Acc()).add(e.getValue());
            }
        }
        List<ChildRow> children = new ArrayList<>();
        for (OrgUnit child : units.children(unit.code())) {
            Figures f = byChild.getOrDefault(child.code(), new Acc()).figures();
            children.add(new ChildRow(UnitRef.of(child), !units.children(child.code()).isEmpty(), f.received(),
                    f.resolved(), f.rate(), f.avgDays(), f.overdue(), f.late()));
        }
        children.sort(Comparator.comparingLong(ChildRow::received).reversed()
                .thenComparing(r -> r.orgUnit().code()));
        List<UnitRef> breadcrumb = new ArrayList<>();
        for (String code : unit.path().split("/")) {
            if (!code.isEmpty()) {
                units.find(code).map(UnitRef::of).ifPresent(breadcrumb::add);
            }
        }
        return new Stats(UnitRef.of(unit), from, to, asOf, total.figures(), own.figures(), children, breadcrumb);
    }

    /** The whole subtree's figures for items received in [from, to], as of a day. */
    public Figures totals(String path, LocalDate from, LocalDate to, LocalDate asOf) {
        Acc total = new Acc();
        grouped(path, from, to, asOf).values().forEach(total::add);
        return total.figures();
    }

    /**
     * {@link #totals} of several units at once, with one grouped query over their common subtree
     * (for dashboards that ask a whole table of units). Keyed by unit code; units without items are left out.
     */
    public Map<String, Figures> totalsOf(Collection<OrgUnit> of, LocalDate from, LocalDate to, LocalDate asOf) {
        if (of.isEmpty()) {
            return Map.of();
        }
        Map<String, long[]> byPath = grouped(OrgUnit.commonPath(of), from, to, asOf);
        Map<String, Figures> out = new HashMap<>();
        for (OrgUnit u : of) {
            Acc acc = new Acc();
            byPath.forEach((path, row) -> {
                if (path.startsWith(u.path())) {
                    acc.add(row);
                }
            });
            if (acc.v()[0] > 0) {
                out.put(u.code(), acc.figures());
            }
        }
        return out;
    }

    /** received, resolved, minutes to resolve, overdue, late per UNIT_PATH below {@code path}. */
    private Map<String, long[]> grouped(String path, LocalDate from, LocalDate to, LocalDate asOf) {
        java.time.Instant start = from.atStartOfDay(FeedbackService.ZONE).toInstant();
        java.time.Instant end = to.plusDays(1).atStartOfDay(FeedbackService.ZONE).toInstant();
        java.time.Instant asOfEnd = asOf.plusDays(1).atStartOfDay(FeedbackService.ZONE).toInstant();
        String resolved = "(RESOLVED_AT IS NOT NULL AND RESOLVED_AT < ?)";
        return Jdbc.read(ds, c -> {
            Map<String, long[]> out = new HashMap<>();
            Jdbc.list(c, "SELECT UNIT_PATH, COUNT(*), "
                    + "SUM(CASE WHEN " + resolved + " THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN " + resolved + " THEN {fn TIMESTAMPDIFF(SQL_TSI_MINUTE, RECEIVED_AT, RESOLVED_AT)} "
                    + "ELSE 0 END), "
                    + "SUM(CASE WHEN NOT " + resolved + " AND STATUS <> 'REJECTED' AND DEADLINE < ? THEN 1 ELSE 0 END), "
                    + "SUM(CASE WHEN " + resolved + " AND DEADLINE < CAST(RESOLVED_AT AS DATE) THEN 1 ELSE 0 END) "
                    + "FROM FB_ITEM WHERE UNIT_PATH LIKE ? AND STATUS <> 'MERGED' AND RECEIVED_AT >= ? AND RECEIVED_AT < ? "
                    + "GROUP BY UNIT_PATH", rs -> out.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6) }),
                    asOfEnd, asOfEnd, asOfEnd, asOf, asOfEnd, path + "%", start, end);
            return out;
        });
    }

    private static LocalDate date(String field, String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.field(field, "'" + text + "' is not a date (yyyy-MM-dd)");
        }
    }
}

package org.mekong.feedback.internal;

import static org.mekong.feedback.internal.Inputs.clean;
import static org.mekong.feedback.internal.Inputs.parse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Views.Route;
import org.mekong.feedback.internal.Vocab.Field;

/** The routing rules (FB_ROUTE): listing and replacing them, and choosing an item's responsible unit by them. */
final class Routing {
    private final DataSource ds;
    private final OrgUnitService units;
    private final AuditService audit;

    Routing(DataSource ds, OrgUnitService units, AuditService audit) {
        this.ds = ds;
        this.units = units;
        this.audit = audit;
    }

    List<Route> routes(Caller caller) {
        caller.require(StaffAccess.STAFF);
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT FIELD, PLACE, UNIT FROM FB_ROUTE ORDER BY ID",
                rs -> new Route(rs.getString(1), rs.getString(2), rs.getString(3))));
    }

    List<Route> replaceRoutes(Caller caller, List<Route> routes) {
        caller.require(Role.CENTRAL_IT);
        List<ErrorDetail> problems = new ArrayList<>();
        List<Route> clean = new ArrayList<>();
        List<Route> list = routes == null ? List.of() : routes;
        for (int i = 0; i < list.size(); i++) {
            Route r = list.get(i);
            String p = "[" + i + "]";
            if (r == null) {
                problems.add(new ErrorDetail(p, "is empty"));
                continue;
            }
            Field f = parse(Field.class, p + ".field", r.field(), problems);
            String place = clean(r.place());
            if (place != null && units.find(place).isEmpty()) {
                problems.add(new ErrorDetail(p + ".place", "'" + place + "' is not an org unit"));
            }
            String unit = clean(r.unit());
            if (unit != null && units.find(unit).isEmpty()) {
                problems.add(new ErrorDetail(p + ".unit", "'" + unit + "' is not an org unit"));
            }
            clean.add(new Route(f == null ? null : f.name(), place, unit));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The routing rules are not valid; nothing was changed", problems);
        }
        Jdbc.write(ds, c -> {
            Jdbc.update(c, "DELETE FROM FB_ROUTE");
            for (Route r : clean) {
                Jdbc.update(c, "INSERT INTO FB_ROUTE (FIELD, PLACE, UNIT) VALUES (?, ?, ?)", r.field(), r.place(), r.unit());
            }
            return null;
        });
        audit.record(caller.username(), "FeedbackRoutes", "all", "REPLACE", null, clean);
        return clean;
    }

    /**
     * The responsible unit by the routing rules: the matching rule with the deepest place wins, a
     * field match beats an empty field; a rule without unit, or no matching rule, leaves the item
     * with its place.
     */
    OrgUnit route(Connection c, Field field, String placeCode) throws SQLException {
        OrgUnit place = units.get(placeCode);
        List<Route> rules = Jdbc.list(c, "SELECT FIELD, PLACE, UNIT FROM FB_ROUTE", rs -> new Route(rs.getString(1),
                rs.getString(2), rs.getString(3)));
        Route best = null;
        int bestScore = -1;
        for (Route r : rules) {
            if (r.field() != null && (field == null || !r.field().equals(field.name()))) {
                continue;
            }
            int depth;
            if (r.place() == null) {
                depth = 0;
            } else if (place.path().contains("/" + r.place() + "/")) {
                depth = place.path().indexOf("/" + r.place() + "/") + 1;
            } else {
                continue;
            }
            int score = depth * 2 + (r.field() != null ? 1 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = r;
            }
        }
        if (best != null && best.unit() != null) {
            Optional<OrgUnit> u = units.find(best.unit());
            if (u.isPresent()) {
                return u.get();
            }
        }
        return place;
    }
}

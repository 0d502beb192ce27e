package org.mekong.feedback.internal;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Role;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.feedback.internal.FeedbackService.Row;

/** Which staff may open and process which item: their roles, and their units against the item's place and handler. */
final class StaffAccess {
    static final Role[] STAFF = { Role.MODERATOR, Role.REPORTER, Role.VERIFIER, Role.LEADER, Role.CENTRAL_IT };

    private final ItemRepository items;
    private final OrgUnitService units;

    StaffAccess(ItemRepository items, OrgUnitService units) {
        this.items = items;
        this.units = units;
    }

    /** Staff open an item by its tracking code or its public id. */
    Row staffRow(Caller caller, String code) {
        caller.require(STAFF);
        Row r = items.find(code).or(() -> items.findPublic(code))
                .orElseThrow(() -> new NotFoundException("No feedback with the code '" + code + "'"));
        if (!inScope(caller, r)) {
            throw new ForbiddenException("User '" + caller.username() + "' may not see feedback " + code
                    + ": it concerns " + r.place() + (r.unit() == null ? "" : " and is handled by " + r.unit())
                    + ", outside their units " + caller.orgUnits());
        }
        return r;
    }

    boolean inScope(Caller caller, Row r) {
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> units.isWithin(r.place(), m)
                || (r.unit() != null && units.isWithin(r.unit(), m)));
    }

    private boolean inUnitScope(Caller caller, Row r) {
        String handled = r.unit() != null ? r.unit() : r.place();
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> units.isWithin(handled, m));
    }

    Row handlerRow(Caller caller, String code, Role... roles) {
        caller.require(roles);
        Row r = staffRow(caller, code);
        if (!caller.hasAnyRole(Role.MODERATOR) && !inUnitScope(caller, r)) {
            throw new ForbiddenException("User '" + caller.username() + "' may not process feedback " + code
                    + ": it is handled by " + (r.unit() == null ? r.place() : r.unit()) + ", outside their units "
                    + caller.orgUnits());
        }
        return r;
    }

    Row handlerRowAnyStatus(Caller caller, String code) {
        return handlerRow(caller, code, STAFF);
    }
}

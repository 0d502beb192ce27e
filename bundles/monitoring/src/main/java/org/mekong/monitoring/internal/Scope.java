package org.mekong.monitoring.internal;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;

/** Who may see and change what: national roles everything, others their own units' subtrees. */
final class Scope {
    private Scope() {
    }

    static boolean within(OrgUnitService units, Caller caller, String unit) {
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> units.isWithin(unit, m));
    }

    /** Strictly below one of the caller's units (or national). */
    static boolean below(OrgUnitService units, Caller caller, String unit) {
        return caller.isNational()
                || caller.orgUnits().stream().anyMatch(m -> !m.equals(unit) && units.isWithin(unit, m));
    }

    static void requireWithin(OrgUnitService units, Caller caller, OrgUnit unit, String doing) {
        if (!within(units, caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not " + doing + " for org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
    }

    /** The unit a caller starts from: their first unit, or the national root. */
    static String home(Caller caller, OrgUnitService units) {
        if (caller.isAnonymous() || caller.isNational() || caller.orgUnits().isEmpty()) {
            return units.search(org.mekong.core.api.orgunit.OrgUnitLevel.NATIONAL, null, 0, 1).items().stream()
                    .findFirst().map(OrgUnit::code).orElse("VN");
        }
        return caller.orgUnits().stream().sorted().findFirst().orElse("VN");
    }
}

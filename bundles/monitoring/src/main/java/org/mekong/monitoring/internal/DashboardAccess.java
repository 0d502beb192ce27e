package org.mekong.monitoring.internal;

import org.mekong.core.api.Caller;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;

/** Who may read which dashboard values: anonymous callers verified values anywhere, others all values in their subtree. */
final class DashboardAccess {
    private final OrgUnitService orgUnits;

    DashboardAccess(OrgUnitService orgUnits) {
        this.orgUnits = orgUnits;
    }

    /** Anonymous callers see verified values anywhere; others their subtree, all values. */
    boolean verifiedOnly(Caller caller, OrgUnit unit) {
        if (caller.isAnonymous()) {
            return true;
        }
        Scope.requireWithin(orgUnits, caller, unit, "read the dashboard");
        return false;
    }
}

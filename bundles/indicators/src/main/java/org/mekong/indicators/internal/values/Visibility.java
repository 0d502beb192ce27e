package org.mekong.indicators.internal.values;

import java.util.EnumSet;
import java.util.Set;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.orgunit.OrgUnit;

/**
 * Who sees which stored values ({@link org.mekong.core.api.data.IndicatorValues}): VERIFIED values
 * everybody; the other states only staff of the data workflow whose scope covers the unit.
 */
final class Visibility {
    /** The roles that work with values before they are verified. */
    private static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.CENTRAL_IT, Role.LEADER, Role.REPORTER,
            Role.VERIFIER);

    private final Caller caller;
    private final Set<DataValueState> wanted;

    /** @param states the states asked for; null or empty for every state the caller may see */
    Visibility(Caller caller, Set<DataValueState> states) {
        this.caller = caller == null ? Caller.anonymous() : caller;
        this.wanted = states == null || states.isEmpty() ? EnumSet.allOf(DataValueState.class) : EnumSet.copyOf(states);
    }

    /** Whether the caller may see values below VERIFIED at the unit (and so everywhere below it). */
    boolean seesUnverified(OrgUnit unit) {
        if (caller.isAnonymous() || caller.roles().stream().noneMatch(STAFF::contains)) {
            return false;
        }
        return caller.isNational() || caller.orgUnits().stream().anyMatch(u -> unit.path().contains("/" + u + "/"));
    }

    /** Whether a stored value in {@code state} at or below {@code unit} counts for the caller at that unit. */
    boolean admits(OrgUnit unit, DataValueState state) {
        return wanted.contains(state) && (state == DataValueState.VERIFIED || seesUnverified(unit));
    }

    /** True when only VERIFIED values are asked for (the verified view, also for staff). */
    boolean verifiedOnlyAsked() {
        return wanted.equals(EnumSet.of(DataValueState.VERIFIED));
    }

    /** True when every state is asked for (no filter beyond visibility). */
    boolean allStatesAsked() {
        return wanted.equals(EnumSet.allOf(DataValueState.class));
    }
}

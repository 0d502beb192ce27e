package org.mekong.feedback.internal;

import java.util.Map;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.feedback.internal.Views.UnitRef;

/** Org units as feedback shows and takes them: references cached by code, and look-ups that fail naming the field. */
final class FeedbackUnits {
    private final OrgUnitService units;
    private final Map<String, UnitRef> unitNames = new java.util.concurrent.ConcurrentHashMap<>();

    FeedbackUnits(OrgUnitService units) {
        this.units = units;
    }

    UnitRef unit(String code) {
        if (code == null) {
            return null;
        }
        return unitNames.computeIfAbsent(code, k -> units.find(k).map(UnitRef::of).orElse(new UnitRef(k, k, k)));
    }

    OrgUnit unitOrBad(String field, String code) {
        return units.find(code.trim()).orElseThrow(() -> InvalidInputException.field(field, "'" + code
                + "' is not an org unit"));
    }
}

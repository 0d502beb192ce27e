package org.mekong.core.api.form;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;

/**
 * A named set of indicators reported together with one periodicity, due {@code dueDays} days after
 * the end of each period, by the units of the given {@code levels} and/or the explicitly named
 * {@code orgUnits}. {@code version} is the optimistic lock: an update names the version it read.
 */
public record ReportingForm(String code, String nameVi, String nameEn, Periodicity periodicity, int dueDays,
        List<String> indicators, List<OrgUnitLevel> levels, List<String> orgUnits, long version) {

    public ReportingForm {
        // copies that keep a null element, so validation names it instead of failing here
        indicators = indicators == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(indicators));
        levels = levels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(levels));
        orgUnits = orgUnits == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(orgUnits));
    }

    /** Whether the unit reports this form: its level is one of the form's levels, or it is named. */
    public boolean reportedBy(OrgUnit unit) {
        return unit != null && (levels.contains(unit.level()) || orgUnits.contains(unit.code()));
    }

    /** The last day on which a period's report is on time: the period's end plus {@code dueDays}. */
    public LocalDate dueDate(Period period) {
        return period.end().plusDays(dueDays);
    }
}

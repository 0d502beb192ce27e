package org.mekong.core.api.form;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.Test;
import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;

/** Who reports a form, when it is due, and how timeliness rows add up. */
public class ReportingFormTest {
    private static final ReportingForm COMMUNES = new ReportingForm("F", "Biểu", "Form", Periodicity.QUARTERLY, 15,
            List.of("A"), List.of(OrgUnitLevel.COMMUNE), List.of("BO-KHCN"), 1);

    @Test
    public void levelsAndNamedUnitsReportAForm() {
        assertTrue(COMMUNES.reportedBy(new OrgUnit("HUE-X", "x", "x", OrgUnitLevel.COMMUNE, "HUE", "/VN/HUE/HUE-X/")));
        assertTrue(COMMUNES.reportedBy(new OrgUnit("BO-KHCN", "b", "b", OrgUnitLevel.CENTRAL, "VN", "/VN/BO-KHCN/")));
        assertFalse(COMMUNES.reportedBy(new OrgUnit("HUE", "h", "h", OrgUnitLevel.PROVINCE, "VN", "/VN/HUE/")));
        assertFalse(COMMUNES.reportedBy(null));
    }

    @Test
    public void aPeriodIsDueItsDueDaysAfterItEnds() {
        assertEquals(LocalDate.of(2026, 10, 15), COMMUNES.dueDate(Period.parse("2026Q3")));
        assertEquals(LocalDate.of(2027, 1, 15), COMMUNES.dueDate(Period.parse("2026Q4")));
    }

    @Test
    public void listsAreCopiedAndKeepNullsForValidationToName() {
        ReportingForm f = new ReportingForm("F", "v", "e", Periodicity.MONTHLY, 0, Arrays.asList("A", null), null, null, 0);
        assertEquals(2, f.indicators().size());
        assertEquals(List.of(), f.levels());
        assertEquals(List.of(), f.orgUnits());
    }

    @Test
    public void timelinessCountsEachState() {
        LocalDate due = LocalDate.of(2026, 10, 15);
        FormTimeliness t = FormTimeliness.of("F", List.of(
                new UnitTimeliness("A", "2026Q3", due, Instant.parse("2026-10-01T00:00:00Z"), SubmissionState.ON_TIME),
                new UnitTimeliness("B", "2026Q3", due, Instant.parse("2026-11-01T00:00:00Z"), SubmissionState.LATE),
                new UnitTimeliness("C", "2026Q3", due, null, SubmissionState.NOT_SUBMITTED),
                new UnitTimeliness("D", "2026Q3", due, null, SubmissionState.NOT_SUBMITTED)));
        assertEquals(List.of(1, 1, 2), List.of(t.onTime(), t.late(), t.notSubmitted()));
    }
}

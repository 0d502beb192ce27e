package org.mekong.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.Test;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueState;

/** The pure rules behind data value writes: periods that have begun, locked states, outliers, audit paths. */
public class DataValueRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);

    @Test
    public void aPeriodCountsAsStartedFromItsFirstDay() {
        assertNull(DataValueChecks.notStarted(Period.parse("202612"), TODAY));
        assertNull(DataValueChecks.notStarted(Period.parse("2026"), TODAY));
        assertNull(DataValueChecks.notStarted(Period.parse("2026Q4"), TODAY));
        assertNull(DataValueChecks.notStarted(Period.parse("202612"), LocalDate.of(2026, 12, 1)));
        assertNotNull(DataValueChecks.notStarted(Period.parse("202612"), LocalDate.of(2026, 11, 30)));
        String future = DataValueChecks.notStarted(Period.parse("203001"), TODAY);
        assertTrue(future, future.contains("'203001' has not started") && future.contains("2030-01-01"));
        assertNotNull(DataValueChecks.notStarted(Period.parse("2027"), TODAY));
        assertNotNull(DataValueChecks.notStarted(Period.parse("2027S1"), TODAY));
    }

    @Test
    public void verifiedAndSubmittedValuesAreLockedWithAWayForward() {
        DataValueKey k = new DataValueKey("STARTUPS", "HUE", "2025Q1");
        assertNull(DataValueWriter.lockProblem(k, DataValueState.DRAFT));
        assertNull(DataValueWriter.lockProblem(k, DataValueState.REJECTED));
        assertTrue(DataValueWriter.lockProblem(k, DataValueState.VERIFIED).contains("POST /api/datavalues/corrections"));
        assertTrue(DataValueWriter.lockProblem(k, DataValueState.SUBMITTED).contains("waits for verification"));
    }

    @Test
    public void outliersNeedThreePastValuesAndLieOutsideTheWidenedRange() {
        assertNull(Outliers.problem(1000, List.of(50.0, 52.0)));
        List<Double> past = List.of(50.0, 52.0, 51.0);
        // margin = max(range / 2, mean / 10) = max(1, 5.1) -> [44.9, 57.1]
        assertNull(Outliers.problem(57, past));
        assertNull(Outliers.problem(45, past));
        assertTrue(Outliers.problem(58, past).contains("[44.90, 57.10]"));
        assertNotNull(Outliers.problem(44, past));
    }

    @Test
    public void theQueuesOutlierFlagTakesTheSameEarlierPeriodsAsTheSubmission() {
        DataValue v = new DataValue("RATE", "HUE-A", "202504", 95.0, null, DataValueState.SUBMITTED, null, 3, "r", null);
        // later periods, the value itself and other periodicities' ids (2025 is shorter) are no history
        List<Outliers.Past> history = List.of(new Outliers.Past("202505", 95), new Outliers.Past("202504", 95),
                new Outliers.Past("2025", 95), new Outliers.Past("202501", 50), new Outliers.Past("202503", 51));
        assertNull("two earlier periods are too few to judge", Outliers.problem(v, history));
        List<Outliers.Past> three = new java.util.ArrayList<>(history);
        three.add(new Outliers.Past("202502", 52));
        assertEquals(Outliers.problem(95, List.of(51.0, 52.0, 50.0)), Outliers.problem(v, three));
        assertTrue(Outliers.problem(v, three).contains("[44.90, 57.10]"));
        // only the 12 newest earlier periods count: a wild value 13 periods back widens nothing
        List<Outliers.Past> long_ = new java.util.ArrayList<>();
        long_.add(new Outliers.Past("202303", 1000));
        for (int m = 1; m <= 12; m++) {
            long_.add(new Outliers.Past(String.format("2024%02d", m), 50 + m % 3));
        }
        assertNotNull(Outliers.problem(v, long_));
        long_.add(new Outliers.Past("202503", 1000));
        assertNull("within 12 periods the wild value widens the range", Outliers.problem(v, long_));
    }

    @Test
    public void aBatchAuditEntryBelongsToTheDeepestCommonUnit() {
        assertEquals("/VN/HUE/", DataValueRows.commonPath(List.of("/VN/HUE/A/", "/VN/HUE/B/")));
        assertEquals("/VN/HUE/A/", DataValueRows.commonPath(List.of("/VN/HUE/A/")));
        assertEquals("/VN/", DataValueRows.commonPath(List.of("/VN/HUE/A/", "/VN/HA-NOI/")));
        assertNull(DataValueRows.commonPath(List.of()));
        assertEquals(3, DataValueRows.depth("/VN/HUE/A/"));
    }
}

package org.mekong.core.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.LocalDate;

import org.junit.Test;

public class PeriodTest {

    @Test
    public void parsesEveryPeriodicity() {
        assertEquals(Periodicity.YEARLY, Period.parse("2025").periodicity());
        assertEquals(LocalDate.of(2025, 12, 31), Period.parse("2025").end());
        Period q3 = Period.parse("2025Q3");
        assertEquals(Periodicity.QUARTERLY, q3.periodicity());
        assertEquals(LocalDate.of(2025, 7, 1), q3.start());
        assertEquals(LocalDate.of(2025, 9, 30), q3.end());
        assertEquals(LocalDate.of(2025, 12, 31), Period.parse("2025S2").end());
        Period feb = Period.parse("202402");
        assertEquals(Periodicity.MONTHLY, feb.periodicity());
        assertEquals(LocalDate.of(2024, 2, 29), feb.end());
    }

    @Test
    public void ordersByStartThenLongerFirst() {
        assertTrue(Period.parse("2025").compareTo(Period.parse("202501")) < 0);
        assertTrue(Period.parse("2025Q1").compareTo(Period.parse("2025Q2")) < 0);
    }

    @Test
    public void rejectsWhatIsNotAPeriodNamingTheField() {
        for (String bad : new String[] { "", "2025Q5", "2025S3", "202513", "25Q1", "2025-07", "1800", null }) {
            try {
                Period.parse(bad);
                fail("accepted " + bad);
            } catch (InvalidInputException e) {
                assertEquals("period", e.details().get(0).field());
                assertEquals(400, e.status());
            }
        }
    }

    @Test
    public void foldsVietnameseForSearch() {
        assertEquals("quang dien", TextFolding.fold("Quảng Điền"));
        assertEquals("chuyen doi so", TextFolding.fold("Chuyển đổi số"));
    }
}

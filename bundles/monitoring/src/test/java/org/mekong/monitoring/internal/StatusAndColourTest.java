package org.mekong.monitoring.internal;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.Test;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorSource;

public class StatusAndColourTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 20);

    @Test
    public void taskStatusFollowsDeadlineCompletionAndReports() {
        LocalDate deadline = LocalDate.of(2025, 6, 30);
        assertEquals(TaskStatus.DONE, TaskStatus.of(deadline, deadline, null, TODAY, 14));
        assertEquals(TaskStatus.DONE_LATE, TaskStatus.of(deadline, deadline.plusDays(1), null, TODAY, 14));
        assertEquals(TaskStatus.OVERDUE, TaskStatus.of(LocalDate.of(2025, 6, 19), null, Instant.now(), TODAY, 14));
        assertEquals(TaskStatus.DUE_SOON, TaskStatus.of(deadline, null, null, TODAY, 14));
        assertEquals("the deadline day itself is not overdue", TaskStatus.DUE_SOON,
                TaskStatus.of(TODAY, null, null, TODAY, 14));
        assertEquals(TaskStatus.NOT_STARTED, TaskStatus.of(LocalDate.of(2025, 9, 30), null, null, TODAY, 14));
        assertEquals(TaskStatus.ON_TRACK, TaskStatus.of(LocalDate.of(2025, 9, 30), null, Instant.now(), TODAY, 14));
    }

    private static Indicator indicator(Direction direction, Double green, Double red) {
        return new Indicator("X", "x", "x", IndicatorLayer.OPERATIONAL, "%", Periodicity.MONTHLY, direction, green, red,
                null, null, IndicatorSource.MANUAL, false, 1, null);
    }

    @Test
    public void thresholdsColourWithoutATarget() {
        Indicator higher = indicator(Direction.HIGHER_IS_BETTER, 80.0, 50.0);
        assertEquals(Colour.GREEN, Colour.of(higher, 80.0, null, 0.8));
        assertEquals(Colour.AMBER, Colour.of(higher, 79.9, null, 0.8));
        assertEquals(Colour.RED, Colour.of(higher, 50.0, null, 0.8));
        assertEquals(Colour.NONE, Colour.of(higher, null, null, 0.8));
        Indicator lower = indicator(Direction.LOWER_IS_BETTER, 0.0, 5.0);
        assertEquals(Colour.GREEN, Colour.of(lower, 0.0, null, 0.8));
        assertEquals(Colour.AMBER, Colour.of(lower, 3.0, null, 0.8));
        assertEquals(Colour.RED, Colour.of(lower, 5.0, null, 0.8));
    }

    @Test
    public void aTargetColoursByAchievement() {
        Indicator higher = indicator(Direction.HIGHER_IS_BETTER, 80.0, 50.0);
        assertEquals(Colour.GREEN, Colour.of(higher, 60.0, 60.0, 0.8));
        assertEquals(Colour.AMBER, Colour.of(higher, 48.0, 60.0, 0.8));
        assertEquals(Colour.RED, Colour.of(higher, 47.9, 60.0, 0.8));
        Indicator lower = indicator(Direction.LOWER_IS_BETTER, 0.0, 5.0);
        assertEquals(Colour.GREEN, Colour.of(lower, 4.0, 4.0, 0.8));
        assertEquals(Colour.AMBER, Colour.of(lower, 5.0, 4.0, 0.8));
        assertEquals(Colour.RED, Colour.of(lower, 6.0, 4.0, 0.8));
    }

    @Test
    public void aValueWithNothingToRateItAgainstIsUnratedNotNoData() {
        Indicator count = new Indicator("C", "c", "c", IndicatorLayer.OPERATIONAL, "count", Periodicity.MONTHLY,
                Direction.HIGHER_IS_BETTER, null, null, null, null, IndicatorSource.MANUAL, false, 0, null);
        assertEquals(Colour.UNRATED, Colour.of(count, 44.0, null, 0.8));
        assertEquals(Colour.NONE, Colour.of(count, null, null, 0.8));
        assertEquals(Colour.GREEN, Colour.of(count, 44.0, 40.0, 0.8));
    }

    @Test
    public void aUnitsColourFollowsItsLights() {
        assertEquals("amber lights and no red one", Colour.AMBER, Colour.overall(0, 2, 0));
        assertEquals(Colour.RED, Colour.overall(1, 1, 2));
        assertEquals("half green with a red one", Colour.AMBER, Colour.overall(2, 0, 2));
        assertEquals(Colour.GREEN, Colour.overall(4, 0, 1));
        assertEquals(Colour.NONE, Colour.overall(0, 0, 0));
    }
}

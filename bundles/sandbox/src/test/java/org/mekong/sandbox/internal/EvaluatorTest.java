package org.mekong.sandbox.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Map;

import org.junit.Test;
import org.mekong.sandbox.internal.Views.GroupFigures;

/** A group's figures from per-unit window sums: only units with values in both windows count. */
public class EvaluatorTest {

    @Test
    public void aGroupAveragesItsUnitsThatHaveBothWindows() {
        // per unit: before sum, count, pilot-window sum, count
        Map<String, double[]> perUnit = Map.of("P1", new double[] { 36, 3, 66, 3 }, "P2", new double[] { 60, 3, 84, 3 },
                "P3", new double[] { 0, 0, 150, 3 }, "C1", new double[] { 30, 3, 36, 3 });
        Map<String, String> groupOf = Map.of("P1", "PILOT", "P2", "PILOT", "P3", "PILOT", "C1", "CONTROL");
        GroupFigures pilot = Evaluator.group(perUnit, groupOf, "PILOT");
        assertEquals("P3 has no before window", 2, pilot.units());
        assertEquals(16.0, pilot.before(), 1e-9);
        assertEquals(25.0, pilot.after(), 1e-9);
        assertEquals(9.0, pilot.change(), 1e-9);
        GroupFigures control = Evaluator.group(perUnit, groupOf, "CONTROL");
        assertEquals(1, control.units());
        assertEquals(2.0, control.change(), 1e-9);
        GroupFigures none = Evaluator.group(perUnit, groupOf, "NOBODY");
        assertEquals(0, none.units());
        assertNull(none.change());
    }
}

package org.mekong.indicators.formula;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.Test;

public class FormulaTest {

    @Test
    public void evaluatesOverBracketedCodes() {
        Formula f = Formula.parse("([ONLINE-SERVICE-RATE] + [BROADBAND-COVERAGE]) / 2");
        assertEquals(List.of("ONLINE-SERVICE-RATE", "BROADBAND-COVERAGE"), f.inputs());
        assertEquals(75.0, f.evaluate(Map.of("ONLINE-SERVICE-RATE", 70.0, "BROADBAND-COVERAGE", 80.0)::get), 1e-9);
    }

    @Test
    public void problemsAreClearMessages() {
        Formula ratio = Formula.parse("[A1] / [B1]");
        assertTrue(assertThrows(FormulaException.class, () -> ratio.evaluate(Map.of("A1", 1.0, "B1", 0.0)::get))
                .getMessage().contains("division by zero"));
        assertTrue(assertThrows(FormulaException.class, () -> ratio.evaluate(Map.of("A1", 1.0)::get))
                .getMessage().contains("no value for B1"));
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("[A1] * * 2")).getMessage()
                .contains("syntax"));
        assertTrue(assertThrows(FormulaException.class, () -> Formula.parse("A1 + 2")).getMessage()
                .contains("square brackets"));
        assertThrows(FormulaException.class, () -> Formula.parse(""));
    }

    @Test
    public void cyclesAreFound() {
        Map<String, String> formulas = Map.of("A1", "[B1] + 1", "B1", "[C1] * 2", "C1", "[A1] - 3");
        FormulaException e = assertThrows(FormulaException.class, () -> Formula.checkNoCycle("A1", formulas::get));
        assertEquals("cycle: A1 -> B1 -> C1 -> A1", e.getMessage());
        Formula.checkNoCycle("D1", Map.of("D1", "[E1] + 1")::get);
    }
}

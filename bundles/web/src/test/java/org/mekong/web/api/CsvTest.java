package org.mekong.web.api;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class CsvTest {

    @Test
    public void formulaCellsAreNeutralisedAndNumbersKept() {
        assertEquals("'=1+1", Csv.cell("=1+1"));
        assertEquals("'+84912345678", Csv.cell("+84912345678"));
        assertEquals("'-2+3", Csv.cell("-2+3"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("'\rx", Csv.cell("\rx"));
        assertEquals("Báo cáo = xong", Csv.cell("Báo cáo = xong"));
        assertEquals("-5.5", Csv.cell(-5.5));
        assertEquals("", Csv.cell(null));
        assertEquals("", Csv.cell(""));
    }
}

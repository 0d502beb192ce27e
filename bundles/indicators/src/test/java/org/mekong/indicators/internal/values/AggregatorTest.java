package org.mekong.indicators.internal.values;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;

import org.junit.Test;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.indicators.internal.values.Aggregator.Part;

public class AggregatorTest {
    private static final List<Part> PARTS = List.of(new Part(80, 100.0), new Part(50, 300.0), new Part(20, null));

    @Test
    public void eachAggregationCombinesAsDeclared() {
        assertEquals(150, Aggregator.combine(Aggregation.SUM, PARTS), 1e-9);
        assertEquals(150, Aggregator.combine(Aggregation.LAST, PARTS), 1e-9);
        assertEquals(50, Aggregator.combine(Aggregation.AVERAGE, PARTS), 1e-9);
        assertEquals(20, Aggregator.combine(Aggregation.MIN, PARTS), 1e-9);
        assertEquals(80, Aggregator.combine(Aggregation.MAX, PARTS), 1e-9);
        // (80 x 100 + 50 x 300) / 400; the part without a weight is left out
        assertEquals(57.5, Aggregator.combine(Aggregation.WEIGHTED_AVERAGE, PARTS), 1e-9);
        assertNull(Aggregator.combine(Aggregation.NONE, PARTS));
    }

    @Test
    public void nothingToCombineGivesNoValue() {
        assertNull(Aggregator.combine(Aggregation.SUM, List.of()));
        assertNull("no positive weight", Aggregator.combine(Aggregation.WEIGHTED_AVERAGE,
                List.of(new Part(10, 0.0), new Part(20, null))));
    }
}

package org.mekong.monitoring.internal;

import java.time.LocalDate;
import java.util.List;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.indicator.Indicator;

/** The dashboard's query parameters: asOf, from..to period ranges and required fields, each checked by name. */
final class DashboardParams {
    private DashboardParams() {
    }

    /** The default asOf: the last quarter that has ended. */
    static Period defaultAsOf() {
        return Period.containing(Periodicity.QUARTERLY, LocalDate.now()).previous();
    }

    static Period asOf(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return defaultAsOf();
        }
        try {
            return Period.parse(asOf);
        } catch (InvalidInputException e) {
            throw InvalidInputException.field("asOf", e.details().get(0).problem());
        }
    }

    /** from..to of the indicator's periodicity; by default the 12 periods up to the last ended quarter. */
    static List<Period> range(Indicator ind, String from, String to) {
        Period last = to == null || to.isBlank() ? defaultAsOf().latestWithin(ind.periodicity()) : parse(to, "to");
        Period first;
        if (from == null || from.isBlank()) {
            first = last;
            for (int i = 0; i < 11; i++) {
                first = first.previous();
            }
        } else {
            first = parse(from, "from");
        }
        if (first.periodicity() != ind.periodicity() || last.periodicity() != ind.periodicity()) {
            throw InvalidInputException.field("from", "indicator '" + ind.code() + "' is " + ind.periodicity()
                    + ": give from and to as such periods");
        }
        if (first.compareTo(last) > 0) {
            throw InvalidInputException.field("from", "must not be after 'to'");
        }
        return first.rangeTo(last);
    }

    private static Period parse(String id, String field) {
        try {
            return Period.parse(id);
        } catch (InvalidInputException e) {
            throw InvalidInputException.field(field, e.details().get(0).problem());
        }
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.field(field, "is required");
        }
        return value;
    }
}

package org.mekong.core.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period with a DHIS2-style id: {@code 2025} (year), {@code 2025S2} (half year),
 * {@code 2025Q3} (quarter) or {@code 202507} (month).
 */
public final class Period implements Comparable<Period> {
    private static final Pattern FORMAT = Pattern.compile("^(\\d{4})(?:(Q)([1-4])|(S)([12])|(0[1-9]|1[0-2]))?$");

    private final String id;
    private final Periodicity periodicity;
    private final LocalDate start;
    private final LocalDate end;

    private Period(String id, Periodicity periodicity, LocalDate start, LocalDate end) {
        this.id = id;
        this.periodicity = periodicity;
        this.start = start;
        this.end = end;
    }

    /** Parses a period id, throwing a 400 naming the field when it is not one. */
    public static Period parse(String id) {
        if (id == null || id.isBlank()) {
            throw InvalidInputException.field("period", "is required");
        }
        Matcher m = FORMAT.matcher(id.trim());
        if (!m.matches()) {
            throw InvalidInputException.field("period", "'" + id + "' is not a period id (2025, 2025S1, 2025Q3, 202507)");
        }
        int year = Integer.parseInt(m.group(1));
        if (year < 1900 || year > 2200) {
            throw InvalidInputException.field("period", "year " + year + " is out of range");
        }
        if (m.group(2) != null) {
            int q = Integer.parseInt(m.group(3));
            LocalDate s = LocalDate.of(year, (q - 1) * 3 + 1, 1);
            return new Period(m.group(0), Periodicity.QUARTERLY, s, s.plusMonths(3).minusDays(1));
        }
        if (m.group(4) != null) {
            int h = Integer.parseInt(m.group(5));
            LocalDate s = LocalDate.of(year, (h - 1) * 6 + 1, 1);
            return new Period(m.group(0), Periodicity.SEMI_ANNUAL, s, s.plusMonths(6).minusDays(1));
        }
        if (m.group(6) != null) {
            LocalDate s = LocalDate.of(year, Integer.parseInt(m.group(6)), 1);
            return new Period(m.group(0), Periodicity.MONTHLY, s, s.plusMonths(1).minusDays(1));
        }
        return new Period(m.group(0), Periodicity.YEARLY, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    /** The period of the given periodicity that contains {@code date}. */
    public static Period containing(Periodicity periodicity, LocalDate date) {
        int y = date.getYear();
        return switch (periodicity) {
            case MONTHLY -> parse(String.format("%04d%02d", y, date.getMonthValue()));
            case QUARTERLY -> parse(y + "Q" + ((date.getMonthValue() - 1) / 3 + 1));
            case SEMI_ANNUAL -> parse(y + "S" + ((date.getMonthValue() - 1) / 6 + 1));
            case YEARLY -> parse(String.valueOf(y));
        };
    }

    /** The period right after this one, of the same periodicity. */
    public Period next() {
        return containing(periodicity, end.plusDays(1));
    }

    /** The period right before this one, of the same periodicity. */
    public Period previous() {
        return containing(periodicity, start.minusDays(1));
    }

    /** The latest period of {@code periodicity} that ends on or before this period's end. */
    public Period latestWithin(Periodicity other) {
        Period p = containing(other, end);
        return p.end.isAfter(end) ? p.previous() : p;
    }

    /** Periods of this one's periodicity from this one to {@code last}, both included (at most 1000). */
    public List<Period> rangeTo(Period last) {
        if (last.periodicity != periodicity) {
            throw InvalidInputException.field("to", "'" + last + "' is not " + periodicity + " like '" + id + "'");
        }
        List<Period> out = new ArrayList<>();
        for (Period p = this; !p.start.isAfter(last.start); p = p.next()) {
            out.add(p);
            if (out.size() > 1000) {
                throw InvalidInputException.field("to", "a range of at most 1000 periods");
            }
        }
        return out;
    }

    /** True when this period lies within {@code other} (inclusive). */
    public boolean within(Period other) {
        return !start.isBefore(other.start) && !end.isAfter(other.end);
    }

    public String id() {
        return id;
    }

    public Periodicity periodicity() {
        return periodicity;
    }

    public LocalDate start() {
        return start;
    }

    public LocalDate end() {
        return end;
    }

    @Override
    public int compareTo(Period o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : o.end.compareTo(end);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period p && p.id.equals(id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return id;
    }
}

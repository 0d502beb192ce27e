package org.mekong.core.api.form;

import java.util.List;

/**
 * How complete one unit's report of a form is for a period: of the {@code expected} indicators
 * (the form's indicators enabled at the unit), how many have a value ({@code present}), how many of
 * those are SUBMITTED or VERIFIED ({@code submitted}) and VERIFIED ({@code verified}), and which
 * have no value yet.
 */
public record FormCompleteness(String form, String orgUnit, String period, int expected, int present, int submitted,
        int verified, List<String> missing) {

    public FormCompleteness {
        missing = List.copyOf(missing);
    }
}

package org.mekong.core.api.form;

import java.util.Collection;
import java.util.List;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.data.DataValueInput;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reporting forms: definitions managed by CENTRAL_IT (or ADMIN), read by every signed-in user, and
 * per-form completeness and timeliness of the units that report them, read within the caller's
 * units as data values are. Every change is audited.
 */
@ProviderType
public interface ReportingFormService {

    /** All forms by code, or (orgUnit not null) those the unit reports; the unit must be within the caller's units. */
    List<ReportingForm> list(Caller caller, String orgUnit);

    /** The form, or a 404 naming the code. */
    ReportingForm get(Caller caller, String code);

    /**
     * Defines a form (version 1). 400 naming the field for an unknown or computed indicator, an
     * indicator of another periodicity, no indicators, dueDays below 0, an unknown unit, neither
     * levels nor units; 409 when the code exists.
     */
    ReportingForm create(Caller caller, ReportingForm form);

    /** Replaces a form's definition; {@code form.version()} must be the current one (else 409). Same checks as create. */
    ReportingForm update(Caller caller, String code, ReportingForm form);

    /** Deletes a form; {@code version} must be the current one (else 409). Values entered with it stay. */
    void delete(Caller caller, String code, long version);

    /**
     * Completeness of one unit's report of the form for a period of the form's periodicity (400 when
     * the unit does not report the form or the period has another periodicity; 403 outside the caller's units).
     */
    FormCompleteness completeness(Caller caller, String formCode, String orgUnit, String period);

    /**
     * Timeliness of the form for every given unit that reports it and every given period: on time
     * when all its expected values were first submitted on or before the period's end plus the
     * form's due days, late when after, not submitted while any is missing or not submitted.
     * Units that do not report the form are left out; 403 for a unit outside the caller's units.
     */
    FormTimeliness timeliness(Caller caller, String formCode, Collection<String> orgUnits, Collection<String> periods);

    /**
     * The save-time check of a grid of values for one unit's period: the same outlier rule the submit
     * applies (the unit's historic min-max), answered before anything is stored. Each detail names
     * the indicator whose value lies outside the unit's historic range and has no comment; empty
     * when the values may be saved and submitted as they are.
     */
    List<ErrorDetail> outliers(Caller caller, String formCode, String orgUnit, String period,
            List<DataValueInput> values);
}

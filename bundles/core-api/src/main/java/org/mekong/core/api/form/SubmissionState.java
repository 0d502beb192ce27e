package org.mekong.core.api.form;

/** Whether a unit's report of a period came in by the due date, after it, or not (yet) at all. */
public enum SubmissionState {
    ON_TIME, LATE, NOT_SUBMITTED
}

package org.mekong.core.api.data;

/** What a submit did: how many values moved to SUBMITTED, and the unit's completeness for the period. */
public record SubmitResult(int submitted, Completeness completeness) {
}

package org.mekong.core.api.data;

/** A correction request of a VERIFIED value: waiting for a verifier, accepted (value reopened) or declined. */
public enum CorrectionState {
    PENDING, ACCEPTED, DECLINED
}

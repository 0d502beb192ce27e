package org.mekong.core.api.data;

/** Life of a data value: entered, submitted for verification, then verified or rejected. */
public enum DataValueState {
    DRAFT, SUBMITTED, VERIFIED, REJECTED
}

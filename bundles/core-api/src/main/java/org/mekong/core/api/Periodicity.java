package org.mekong.core.api;

/** How often an indicator is reported. */
public enum Periodicity {
    MONTHLY, QUARTERLY, SEMI_ANNUAL, YEARLY
}

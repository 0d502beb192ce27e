package org.mekong.core.spi;

/** How urgent a warning is. */
public enum WarningSeverity {
    INFO, WARNING, CRITICAL
}

package org.mekong.core.spi;

import java.time.LocalDate;

import org.osgi.annotation.versioning.ProviderType;

/** What the warning engine tells a rule when it runs it. */
@ProviderType
public interface WarningContext {

    /** The day the check is for (today, or a fixed day in tests and replays). */
    LocalDate today();

    /** A setting of the engine (config pid {@code org.mekong.monitoring}), or the default. */
    int setting(String name, int defaultValue);
}

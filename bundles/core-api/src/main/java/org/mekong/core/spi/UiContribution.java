package org.mekong.core.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A menu entry a plugin adds to the UI shell. {@link #href()} is where the entry leads (usually
 * a page the plugin serves through the HTTP whiteboard); {@link #moduleUrl()} optionally names
 * an ES module the shell loads when the entry is opened.
 */
@ConsumerType
public interface UiContribution {

    /** Unique id, e.g. {@code province-hue.dashboard}. */
    String id();

    String labelVi();

    String labelEn();

    String href();

    default String moduleUrl() {
        return null;
    }

    /** Lower sorts first. */
    default int order() {
        return 100;
    }

    /** Role needed to see the entry (several: comma separated, any of them); null for everyone. ADMIN sees all. */
    default String requiredRole() {
        return null;
    }
}

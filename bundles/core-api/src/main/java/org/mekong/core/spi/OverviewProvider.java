package org.mekong.core.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's headline figures for the public home page (for example the share of green
 * indicators, or feedback received and resolved). Register an implementation as an OSGi service:
 * the portal shows one group per registered provider, in {@link #order()}, and the group is gone
 * as soon as the plugin is. {@link #figures()} is called at most once a minute per provider and
 * must only return what anyone may see (no personal data, verified values only).
 */
@ConsumerType
public interface OverviewProvider {

    /** A short stable id, e.g. {@code monitoring}. */
    String id();

    String titleVi();

    String titleEn();

    /** Where the group's heading leads (a public page of the plugin), or null. */
    default String href() {
        return null;
    }

    /** Lower sorts first. */
    default int order() {
        return 100;
    }

    /** The current figures; may be empty. Exceptions are logged and the group is left out. */
    List<OverviewFigure> figures();
}

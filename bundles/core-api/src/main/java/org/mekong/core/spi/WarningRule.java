package org.mekong.core.spi;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An early-warning check. Register an implementation as an OSGi service (a DS component): the
 * monitoring engine runs every registered rule on its schedule and after data changes, raises a
 * warning for each new {@link WarningFinding} and closes the open warnings of the rule whose
 * finding is no longer reported. When the service goes away its open warnings are closed.
 * A rule must be cheap enough to run every few minutes and must not keep static state.
 */
@ConsumerType
public interface WarningRule {

    /** Stable id, e.g. {@code task-overdue} or {@code hue.centre-backlog}. */
    String id();

    String nameVi();

    String nameEn();

    /** Everything this rule finds wrong now; each finding is identified by unit, subject type and key. */
    List<WarningFinding> check(WarningContext context);
}

package org.mekong.monitoring.internal.rules;

import java.util.List;

import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.mekong.core.spi.WarningSeverity;
import org.mekong.monitoring.internal.Task;
import org.mekong.monitoring.internal.TaskService;
import org.mekong.monitoring.internal.TaskStatus;

/** Task warnings: overdue (critical) and due within {@code due.soon.days} (warning). */
final class TaskRules {
    private TaskRules() {
    }

    static List<WarningFinding> overdue(TaskService tasks, WarningContext context) {
        return tasks.all().stream().filter(t -> t.completedOn() == null && context.today().isAfter(t.deadline()))
                .map(t -> new WarningFinding(t.orgUnit(), "TASK", t.code(), WarningSeverity.CRITICAL,
                        "Nhiệm vụ quá hạn / Task overdue: " + t.code() + " \u2014 " + t.title() + " (hạn / deadline "
                                + t.deadline() + ", " + t.progress() + "%)"))
                .toList();
    }

    static List<WarningFinding> dueSoon(TaskService tasks, WarningContext context) {
        int days = context.setting("due.soon.days", 14);
        return tasks.all().stream()
                .filter(t -> TaskStatus.of(t.deadline(), t.completedOn(), t.lastReportAt(), context.today(), days)
                        == TaskStatus.DUE_SOON)
                .map((Task t) -> new WarningFinding(t.orgUnit(), "TASK", t.code(), WarningSeverity.WARNING,
                        "Nhiệm vụ sắp đến hạn / Task due soon: " + t.code() + " \u2014 " + t.title() + " (hạn / deadline "
                                + t.deadline() + ", " + t.progress() + "%)"))
                .toList();
    }
}

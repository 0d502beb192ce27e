package org.mekong.monitoring.internal.rules;

import java.util.List;

import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.mekong.monitoring.internal.TaskService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The built-in task rules, registered as {@link WarningRule} services like any plugin's. */
public final class BuiltInRules {
    private BuiltInRules() {
    }

    /** A task past its deadline and not done. */
    @Component(service = WarningRule.class)
    public static class TaskOverdue extends NamedRule {
        private final TaskService tasks;

        @Activate
        public TaskOverdue(@Reference TaskService tasks) {
            super("task-overdue", "Nhiệm vụ quá hạn", "Task overdue");
            this.tasks = tasks;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            return TaskRules.overdue(tasks, context);
        }
    }

    /** A task not done whose deadline is within due.soon.days. */
    @Component(service = WarningRule.class)
    public static class TaskDueSoon extends NamedRule {
        private final TaskService tasks;

        @Activate
        public TaskDueSoon(@Reference TaskService tasks) {
            super("task-due-soon", "Nhiệm vụ sắp đến hạn", "Task due soon");
            this.tasks = tasks;
        }

        @Override
        public List<WarningFinding> check(WarningContext context) {
            return TaskRules.dueSoon(tasks, context);
        }
    }
}

package org.mekong.monitoring.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.spi.IndicatorProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The task-completion layer: indicators computed from the tasks of a unit's subtree. */
@Component(service = IndicatorProvider.class)
public class TaskIndicators implements IndicatorProvider {
    static final String ON_TIME = "TASKS-ON-TIME";
    static final String OVERDUE = "TASKS-OVERDUE";

    private final TaskService tasks;

    @Activate
    public TaskIndicators(@Reference TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public String name() {
        return "monitoring";
    }

    @Override
    public Collection<Indicator> indicators() {
        return List.of(
                new Indicator(ON_TIME, "Tỷ lệ nhiệm vụ hoàn thành đúng hạn", "Tasks completed on time",
                        IndicatorLayer.TASK_COMPLETION, "%", Periodicity.QUARTERLY, Direction.HIGHER_IS_BETTER, 90.0, 60.0,
                        null, "BCD-TW", IndicatorSource.PLUGIN, false, 0, null),
                new Indicator(OVERDUE, "Số nhiệm vụ quá hạn", "Overdue tasks", IndicatorLayer.TASK_COMPLETION, "count",
                        Periodicity.MONTHLY, Direction.LOWER_IS_BETTER, 0.0, 5.0, null, "BCD-TW", IndicatorSource.PLUGIN,
                        false, 0, null));
    }

    @Override
    public Double valueOf(String indicator, OrgUnit unit, Period period) {
        LocalDate today = LocalDate.now();
        if (period.start().isAfter(today)) {
            return null;
        }
        return value(indicator, tasks.counts(unit.path(), period.end(), today));
    }

    /** One grouped query per period for all the units (a dashboard's whole table), not one per cell. */
    @Override
    public List<ProvidedValue> valuesOf(String indicator, Collection<OrgUnit> units, Collection<Period> periods) {
        if (!ON_TIME.equals(indicator) && !OVERDUE.equals(indicator) || units.isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.now();
        List<OrgUnit> all = List.copyOf(units);
        List<ProvidedValue> out = new java.util.ArrayList<>();
        for (Period period : periods) {
            if (period.start().isAfter(today)) {
                continue;
            }
            tasks.countsBelow(OrgUnit.commonPath(all), all, period.end(), today).forEach((unit, c) -> {
                Double v = value(indicator, c);
                if (v != null) {
                    out.add(new ProvidedValue(unit, period.id(), v));
                }
            });
        }
        return out;
    }

    private static Double value(String indicator, TaskService.TaskCounts c) {
        if (c.total() == 0) {
            return null;
        }
        return switch (indicator) {
            case ON_TIME -> c.onTimeShare() == null ? null : Math.round(c.onTimeShare() * 1000) / 10.0;
            case OVERDUE -> (double) c.overdue();
            default -> null;
        };
    }
}

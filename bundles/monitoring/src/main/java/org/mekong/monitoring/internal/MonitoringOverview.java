package org.mekong.monitoring.internal;

import java.util.List;

import org.mekong.core.api.Caller;
import org.mekong.core.spi.OverviewFigure;
import org.mekong.core.spi.OverviewProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The monitoring system's headline figures for the portal's home page: the national dashboard as
 * an anonymous visitor sees it (verified values only) for the last ended quarter — the share of
 * green indicators with its traffic light, tasks overdue and open early warnings.
 */
@Component(service = OverviewProvider.class)
public class MonitoringOverview implements OverviewProvider {
    private final DashboardService dashboard;

    @Activate
    public MonitoringOverview(@Reference DashboardService dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public String id() {
        return "monitoring";
    }

    @Override
    public String titleVi() {
        return "Theo dõi, đánh giá thực hiện Nghị quyết 57";
    }

    @Override
    public String titleEn() {
        return "Monitoring Resolution 57";
    }

    @Override
    public String href() {
        return "/monitoring/dashboard.html";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<OverviewFigure> figures() {
        DashboardService.Overview o = dashboard.overview(Caller.anonymous(), null, null);
        DashboardService.Summary s = o.summary();
        // The country's figure is its units' (each rated as for itself), not a rating of national averages.
        boolean below = s.greenShareBelow() != null;
        Double share = below ? s.greenShareBelow() : s.greenShare();
        Colour colour = below ? s.colourBelow() : s.colour();
        Double green = share == null ? null : share * 100;
        String light = colour == Colour.NONE ? null : colour.name();
        return List.of(
                new OverviewFigure("green-share", (below ? "Chỉ tiêu đạt (xanh) của các tỉnh, bộ, ngành, kỳ "
                        : "Chỉ tiêu đạt (xanh), kỳ ") + o.asOf(), (below ? "Indicators green across provinces and "
                                + "central bodies, " : "Indicators green, ") + o.asOf(), green, "%", light,
                        "/monitoring/dashboard.html"),
                OverviewFigure.of("indicators", "Chỉ tiêu có số liệu", "Indicators with data",
                        s.green() + s.amber() + s.red(), "/monitoring/dashboard.html"),
                new OverviewFigure("tasks-overdue", "Nhiệm vụ quá hạn", "Tasks overdue", (double) s.tasksOverdue(), "",
                        s.tasksOverdue() > 0 ? "RED" : "GREEN", "/monitoring/tasks.html"),
                OverviewFigure.of("open-warnings", "Cảnh báo đang mở", "Open warnings", s.openWarnings(),
                        "/monitoring/warnings.html"));
    }
}

package org.mekong.feedback.internal;

import java.util.List;

import org.mekong.core.spi.OverviewFigure;
import org.mekong.core.spi.OverviewProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The feedback system's headline figures for the portal's home page: items received and resolved
 * nationally since 1 January 2025, the resolution rate and the items now overdue.
 */
@Component(service = OverviewProvider.class)
public class FeedbackOverview implements OverviewProvider {
    private final FeedbackStats stats;

    @Activate
    public FeedbackOverview(@Reference FeedbackStats stats) {
        this.stats = stats;
    }

    @Override
    public String id() {
        return "feedback";
    }

    @Override
    public String titleVi() {
        return "Phản ánh, kiến nghị (từ 1/1/2025)";
    }

    @Override
    public String titleEn() {
        return "Feedback and proposals (since 1 Jan 2025)";
    }

    @Override
    public String href() {
        return "/feedback/stats.html";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<OverviewFigure> figures() {
        FeedbackStats.Figures f = stats.stats(null, "2025-01-01", null, null).total();
        Double rate = f.rate() == null ? null : f.rate() * 100;
        return List.of(
                OverviewFigure.of("received", "Đã tiếp nhận", "Received", f.received(), "/feedback/stats.html"),
                OverviewFigure.of("resolved", "Đã giải quyết", "Resolved", f.resolved(), "/feedback/answers.html"),
                new OverviewFigure("resolution-rate", "Tỷ lệ giải quyết", "Resolution rate", rate, "%", null,
                        "/feedback/stats.html"),
                new OverviewFigure("overdue", "Đang quá hạn", "Overdue now", (double) f.overdue(), "",
                        f.overdue() > 0 ? "RED" : "GREEN", "/feedback/stats.html"));
    }
}

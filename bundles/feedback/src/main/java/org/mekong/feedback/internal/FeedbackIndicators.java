package org.mekong.feedback.internal;

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

/** FEEDBACK-RESOLUTION-RATE and FEEDBACK-RECEIVED, computed from the feedback items of a unit's subtree. */
@Component(service = IndicatorProvider.class)
public class FeedbackIndicators implements IndicatorProvider {
    static final String RATE = "FEEDBACK-RESOLUTION-RATE";
    static final String RECEIVED = "FEEDBACK-RECEIVED";

    private final FeedbackStats stats;

    @Activate
    public FeedbackIndicators(@Reference FeedbackStats stats) {
        this.stats = stats;
    }

    @Override
    public String name() {
        return "feedback";
    }

    @Override
    public Collection<Indicator> indicators() {
        return List.of(
                new Indicator(RATE, "Tỷ lệ giải quyết phản ánh, kiến nghị", "Feedback resolution rate",
                        IndicatorLayer.OPERATIONAL, "%", Periodicity.MONTHLY, Direction.HIGHER_IS_BETTER, 80.0, 40.0, null,
                        "BO-NV", IndicatorSource.PLUGIN, false, 0, null),
                new Indicator(RECEIVED, "Số phản ánh, kiến nghị tiếp nhận", "Feedback items received",
                        IndicatorLayer.OPERATIONAL, "count", Periodicity.MONTHLY, Direction.HIGHER_IS_BETTER, null, null,
                        null, "BO-NV", IndicatorSource.PLUGIN, false, 0, null));
    }

    /** Items received in the period whose responsible unit is in the subtree; the rate as of today. */
    @Override
    public Double valueOf(String indicator, OrgUnit unit, Period period) {
        LocalDate today = FeedbackService.today();
        if (period.start().isAfter(today)) {
            return null;
        }
        FeedbackStats.Figures f = stats.totals(unit.path(), period.start(), period.end(), today);
        if (f.received() == 0) {
            return null;
        }
        return switch (indicator) {
            case RATE -> Math.round(f.resolved() * 1000.0 / f.received()) / 10.0;
            case RECEIVED -> (double) f.received();
            default -> null;
        };
    }

    /** One grouped query per period for all the units (a dashboard's whole table), not one per cell. */
    @Override
    public List<ProvidedValue> valuesOf(String indicator, Collection<OrgUnit> units, Collection<Period> periods) {
        if (!RATE.equals(indicator) && !RECEIVED.equals(indicator)) {
            return List.of();
        }
        LocalDate today = FeedbackService.today();
        List<ProvidedValue> out = new java.util.ArrayList<>();
        for (Period period : periods) {
            if (period.start().isAfter(today)) {
                continue;
            }
            stats.totalsOf(units, period.start(), period.end(), today).forEach((unit, f) -> out.add(new ProvidedValue(
                    unit, period.id(), RATE.equals(indicator) ? Math.round(f.resolved() * 1000.0 / f.received()) / 10.0
                            : (double) f.received())));
        }
        return out;
    }
}

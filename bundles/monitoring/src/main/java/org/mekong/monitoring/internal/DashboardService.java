package org.mekong.monitoring.internal;

import java.util.List;

import org.mekong.core.api.Caller;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Dashboards, the DS component and facade: the overview of a unit with its indicator rows and children
 * ({@link UnitOverview}), rankings ({@link UnitRanking}), trends and rollups ({@link IndicatorSeries}).
 */
@Component(service = DashboardService.class, configurationPid = "org.mekong.monitoring")
public class DashboardService {
    private volatile double amberRatio;
    private final UnitOverview overviews;
    private final UnitRanking rankings;
    private final IndicatorSeries series;

    /** One indicator at one unit. */
    public record Cell(String code, String nameVi, String nameEn, IndicatorLayer layer, String unit,
            Direction direction, String period, Double value, Double target, Colour colour, boolean own,
            long reportingUnits, String note, String source, String state, boolean verified) {
    }

    /**
     * The summary measures of a unit: its own lights, and {@code greenShareBelow} over the lights of
     * the units directly below it, pooled (null without any).
     */
    public record Summary(int green, int amber, int red, int none, int unrated, Double greenShare, Colour colour,
            Double greenShareBelow, Colour colourBelow, long tasksDue, long tasksOnTime, long tasksOverdue,
            Double taskOnTimeShare, Double timeliness, long openWarnings) {
    }

    /** A child unit's row in the drill-down table. */
    public record ChildRow(OrgUnit orgUnit, int green, int amber, int red, int none, int unrated, Double greenShare,
            Colour colour,
            Double taskOnTimeShare, Double timeliness, long openWarnings, boolean hasChildren) {
    }

    /** A unit name for the breadcrumb. */
    public record Crumb(String code, String nameVi, String nameEn) {
    }

    /** One dashboard level. */
    public record Overview(OrgUnit orgUnit, String asOf, boolean verifiedOnly, List<Crumb> breadcrumb,
            Summary summary, List<Cell> indicators, List<ChildRow> children, double amberRatio) {
    }

    /** A point of a trend. */
    public record TrendPoint(String period, Double value, Double target, Colour colour, String note, String state,
            boolean verified) {
    }

    /** A trend of one indicator at one unit. */
    public record Trend(String indicator, String orgUnit, List<TrendPoint> points) {
    }

    /** A point of a rollup. */
    public record RollupPoint(String period, Double value, long count, Double sum) {
    }

    /** A rollup of one indicator over a subtree. */
    public record Rollup(String indicator, String orgUnit, String aggregation, List<RollupPoint> points) {
    }

    /**
     * A ranked unit: units with the same measure share a rank (1, 2, 2, 4); units without the measure
     * have no rank ({@code noData}) and come last.
     */
    public record RankRow(Integer rank, boolean noData, OrgUnit orgUnit, Double greenShare, Colour colour,
            Double taskOnTimeShare, Double timeliness) {
    }

    /** Rankings of the children of a unit. */
    public record Rankings(String by, String asOf, List<RankRow> rows) {
    }

    @Activate
    public DashboardService(@Reference IndicatorValues values, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits, @Reference TargetService targets, @Reference TaskService tasks,
            @Reference WarningStore warnings, @Reference OverviewCache cache, MonitoringConfig config) {
        DashboardAccess access = new DashboardAccess(orgUnits);
        IndicatorCells cells = new IndicatorCells(values, targets, this::amberRatio);
        this.overviews = new UnitOverview(indicators, orgUnits, tasks, warnings, access, cells,
                new Timeliness(values, indicators), this::amberRatio, cache);
        this.rankings = new UnitRanking(overviews);
        this.series = new IndicatorSeries(values, indicators, orgUnits, targets, access, this::amberRatio);
        modified(config);
    }

    @Modified
    void modified(MonitoringConfig config) {
        amberRatio = config.amber_ratio();
    }

    /** The configured achievement ratio below which a light with a target is RED. */
    public double amberRatio() {
        return amberRatio;
    }

    public Overview overview(Caller caller, String unitCode, String asOfId) {
        return overviews.overview(caller, unitCode, asOfId, false);
    }

    /** {@link #overview} from VERIFIED values only when {@code verifiedView} (staff's "verified figures" view). */
    public Overview overview(Caller caller, String unitCode, String asOfId, boolean verifiedView) {
        return overviews.overview(caller, unitCode, asOfId, verifiedView);
    }

    public Rankings rankings(Caller caller, String unitCode, String asOfId, String by) {
        return rankings.rankings(caller, unitCode, asOfId, by);
    }

    public Trend trend(Caller caller, String indicatorCode, String unitCode, String from, String to, String asOf) {
        return series.trend(caller, indicatorCode, unitCode, from, to, asOf);
    }

    public Rollup rollup(Caller caller, String indicatorCode, String unitCode, String from, String to) {
        return series.rollup(caller, indicatorCode, unitCode, from, to);
    }
}

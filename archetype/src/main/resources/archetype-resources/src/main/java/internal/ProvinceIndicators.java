#set( $P = $province.toUpperCase() )
package ${package}.internal;

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

/**
 * ${provinceName}'s own indicators. They join the platform's indicator set while this plugin is
 * installed (dashboards, data entry, warnings) and leave it when the plugin is uninstalled; values
 * already entered stay in the database and come back on reinstall.
 */
@Component(service = IndicatorProvider.class)
public class ProvinceIndicators implements IndicatorProvider {
    /** Computed here: the share of the province's initiatives that are done. */
    static final String INITIATIVES_DONE = "${P}-INITIATIVES-DONE";
    /** Entered each month by the province's reporters like any other indicator (source MANUAL). */
    static final String COMMUNES_ONLINE = "${P}-COMMUNES-ONLINE";
    static final String PROVINCE = "${provinceCode}";
    /** The provider name shown with the indicators. */
    static final String NAME = "province-${province}";

    private final InitiativeStore store;

    @Activate
    public ProvinceIndicators(@Reference InitiativeStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Collection<Indicator> indicators() {
        return List.of(
                new Indicator(INITIATIVES_DONE, "Tỷ lệ sáng kiến chuyển đổi số đã hoàn thành (${provinceName})",
                        "${provinceName}: share of digital-transformation initiatives completed", IndicatorLayer.OPERATIONAL,
                        "%", Periodicity.MONTHLY, Direction.HIGHER_IS_BETTER, 80.0, 40.0, null, PROVINCE,
                        IndicatorSource.PLUGIN, false, 0, null),
                new Indicator(COMMUNES_ONLINE, "Tỷ lệ xã, phường cung cấp dịch vụ công trực tuyến toàn trình (${provinceName})",
                        "${provinceName}: share of communes offering full online public services", IndicatorLayer.STRATEGIC,
                        "%", Periodicity.MONTHLY, Direction.HIGHER_IS_BETTER, 90.0, 60.0, null, PROVINCE,
                        IndicatorSource.MANUAL, false, 0, null));
    }

    /** The computed indicator's value for the province as it stands now; entered indicators have none here. */
    @Override
    public Double valueOf(String indicator, OrgUnit unit, Period period) {
        if (INITIATIVES_DONE.equals(indicator) && unit != null && PROVINCE.equals(unit.code())) {
            return store.doneShare();
        }
        return null;
    }
}

package org.mekong.province.hue.internal;

import java.util.Collection;
import java.util.List;

import org.mekong.core.api.Periodicity;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.spi.IndicatorProvider;
import org.osgi.service.component.annotations.Component;

/** Hue's own indicators, present while this plugin is installed. */
@Component(service = IndicatorProvider.class)
public class HueIndicatorProvider implements IndicatorProvider {
    static final String CENTRE_RESOLUTION = "HUE-CENTRE-RESOLUTION-RATE";
    static final String DIGITAL_CITIZENS = "HUE-DIGITAL-CITIZEN-SHARE";

    @Override
    public String name() {
        return "province-hue";
    }

    @Override
    public Collection<Indicator> indicators() {
        return List.of(
                new Indicator(CENTRE_RESOLUTION, "Tỷ lệ phản ánh được giải quyết tại trung tâm phục vụ hành chính công cấp xã (Huế)",
                        "Hue commune public-service centres: share of feedback resolved", IndicatorLayer.OPERATIONAL, "%",
                        Periodicity.MONTHLY, Direction.HIGHER_IS_BETTER, 60.0, 25.0, null, "HUE", IndicatorSource.PLUGIN,
                        false, 0, null),
                new Indicator(DIGITAL_CITIZENS, "Tỷ lệ người dân có danh tính số (Huế)",
                        "Hue: share of residents with a digital identity", IndicatorLayer.STRATEGIC, "%",
                        Periodicity.QUARTERLY, Direction.HIGHER_IS_BETTER, 80.0, 50.0, null, "HUE", IndicatorSource.PLUGIN,
                        false, 0, null));
    }
}

package org.mekong.province.hue.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.spi.IndicatorProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Hue's own indicators, present while this plugin is installed. The commune centres' resolution
 * rate is computed from the feedback plugin's data (the share of feedback resolved among the items
 * the unit received in the period) while that plugin is installed, and has no value without it;
 * the digital-identity share is entered quarterly like any other indicator.
 */
@Component(service = { IndicatorProvider.class, HueIndicatorProvider.class })
public class HueIndicatorProvider implements IndicatorProvider {
    static final String CENTRE_RESOLUTION = "HUE-CENTRE-RESOLUTION-RATE";
    static final String DIGITAL_CITIZENS = "HUE-DIGITAL-CITIZEN-SHARE";
    static final String HUE = "HUE";
    /** The feedback plugin's indicator this one is computed from. */
    static final String FEEDBACK_RATE = "FEEDBACK-RESOLUTION-RATE";

    private final OrgUnitService orgUnits;
    private final List<IndicatorProvider> others = new CopyOnWriteArrayList<>();

    @Activate
    public HueIndicatorProvider(@Reference OrgUnitService orgUnits) {
        this.orgUnits = orgUnits;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(!(component.name=org.mekong.province.hue.internal.HueIndicatorProvider))")
    void addProvider(IndicatorProvider provider) {
        others.add(provider);
    }

    void removeProvider(IndicatorProvider provider) {
        others.remove(provider);
    }

    @Override
    public String name() {
        return "province-hue";
    }

    @Override
    public Collection<Indicator> indicators() {
        return List.of(
                new Indicator(CENTRE_RESOLUTION, "Tỷ lệ phản ánh được giải quyết tại trung tâm phục vụ hành chính công cấp xã (Huế)",
                        "Hue commune public-service centres: share of feedback resolved", IndicatorLayer.OPERATIONAL, "%",
                        Periodicity.MONTHLY, Direction.HIGHER_IS_BETTER, 60.0, 25.0, null, HUE, IndicatorSource.PLUGIN,
                        false, 0, null),
                new Indicator(DIGITAL_CITIZENS, "Tỷ lệ người dân có danh tính số (Huế)",
                        "Hue: share of residents with a digital identity", IndicatorLayer.STRATEGIC, "%",
                        Periodicity.QUARTERLY, Direction.HIGHER_IS_BETTER, 80.0, 50.0, null, HUE, IndicatorSource.MANUAL,
                        false, 0, null));
    }

    /** Whether the feedback plugin (the source of the centres' rate) is installed. */
    boolean feedbackPresent() {
        return feedback() != null;
    }

    private IndicatorProvider feedback() {
        return others.stream().filter(p -> p.indicators().stream().anyMatch(i -> FEEDBACK_RATE.equals(i.code())))
                .findFirst().orElse(null);
    }

    @Override
    public Double valueOf(String indicator, OrgUnit unit, Period period) {
        if (!CENTRE_RESOLUTION.equals(indicator) || unit == null || !orgUnits.isWithin(unit.code(), HUE)) {
            return null;
        }
        IndicatorProvider source = feedback();
        return source == null ? null : source.valueOf(FEEDBACK_RATE, unit, period);
    }

    /** The centres' rate for each Hue commune or ward over the period from {@code from} to today's month. */
    List<CentreRate> centres(LocalDate from) {
        Period period = Period.containing(Periodicity.YEARLY, from);
        return orgUnits.children(HUE).stream()
                .map(u -> new CentreRate(u.code(), u.nameVi(), u.nameEn(), valueOf(CENTRE_RESOLUTION, u, period)))
                .toList();
    }

    /** One commune's figure; rate is null when it received no feedback or the feedback plugin is absent. */
    record CentreRate(String code, String nameVi, String nameEn, Double rate) {
    }
}

package org.mekong.province.hue.internal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.data.IndicatorValues;
import org.mekong.core.api.indicator.IndicatorRegistry;
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
    private final IndicatorRegistry registry;
    private final IndicatorValues values;

    @Activate
    public HueIndicatorProvider(@Reference OrgUnitService orgUnits, @Reference IndicatorRegistry registry,
            @Reference IndicatorValues values) {
        this.orgUnits = orgUnits;
        this.registry = registry;
        this.values = values;
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
        return registry.find(FEEDBACK_RATE).isPresent();
    }

    @Override
    public Double valueOf(String indicator, OrgUnit unit, Period period) {
        List<ProvidedValue> found = valuesOf(indicator, List.of(unit), List.of(period));
        return found.isEmpty() ? null : found.get(0).value();
    }

    /**
     * The centres' rate is the feedback plugin's resolution rate at Hue's units, read through the
     * core's one read path in bulk (the feedback plugin computes it set-based); nothing outside Hue.
     */
    @Override
    public List<ProvidedValue> valuesOf(String indicator, Collection<OrgUnit> units, Collection<Period> periods) {
        if (!CENTRE_RESOLUTION.equals(indicator) || !feedbackPresent()) {
            return List.of();
        }
        List<String> inHue = units.stream().filter(u -> u != null && orgUnits.isWithin(u.code(), HUE))
                .map(OrgUnit::code).toList();
        if (inHue.isEmpty() || periods.isEmpty()) {
            return List.of();
        }
        // Computed from operational data, not from stored values: an anonymous reader sees the same figures.
        return values.read(Caller.anonymous(), List.of(FEEDBACK_RATE), inHue, periods.stream().map(Period::id).toList(),
                null).stream().map(v -> new ProvidedValue(v.orgUnit(), v.period(), v.value())).toList();
    }

    /** The centres' rate for each Hue commune or ward over the period from {@code from} to today's month. */
    List<CentreRate> centres(LocalDate from) {
        Period period = Period.containing(Periodicity.YEARLY, from);
        List<OrgUnit> communes = orgUnits.children(HUE);
        java.util.Map<String, Double> rate = new java.util.HashMap<>();
        valuesOf(CENTRE_RESOLUTION, communes, List.of(period)).forEach(v -> rate.put(v.orgUnit(), v.value()));
        return communes.stream().map(u -> new CentreRate(u.code(), u.nameVi(), u.nameEn(), rate.get(u.code()))).toList();
    }

    /** One commune's figure; rate is null when it received no feedback or the feedback plugin is absent. */
    record CentreRate(String code, String nameVi, String nameEn, Double rate) {
    }
}

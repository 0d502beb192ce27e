package org.mekong.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.indicator.IndicatorSource;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;
import org.mekong.core.api.orgunit.OrgUnitService;

/** Every problem of a form definition is named by its field. */
public class FormChecksTest {
    private static final Map<String, Indicator> INDICATORS = Map.of(
            "RATE", indicator("RATE", Periodicity.MONTHLY, null, IndicatorSource.MANUAL, false),
            "QRATE", indicator("QRATE", Periodicity.QUARTERLY, null, IndicatorSource.MANUAL, false),
            "SUM", indicator("SUM", Periodicity.MONTHLY, "[RATE] * 2", IndicatorSource.MANUAL, false),
            "OLD", indicator("OLD", Periodicity.MONTHLY, null, IndicatorSource.MANUAL, true));
    private final FormChecks checks = new FormChecks(registry(), units());

    private static Indicator indicator(String code, Periodicity p, String formula, IndicatorSource source, boolean retired) {
        return new Indicator(code, code, code, IndicatorLayer.OPERATIONAL, "%", p, Direction.HIGHER_IS_BETTER, 50.0, 20.0,
                formula, null, source, retired, 1, null);
    }

    private static List<String> fields(ReportingForm f) {
        try {
            new FormChecksTest().checks.check(f);
            fail("accepted " + f);
            return List.of();
        } catch (InvalidInputException e) {
            return e.details().stream().map(ErrorDetail::field).toList();
        }
    }

    @Test
    public void aGoodFormPasses() {
        checks.check(new ReportingForm("F-1", "Biểu", "Form", Periodicity.MONTHLY, 10, List.of("RATE"),
                List.of(OrgUnitLevel.COMMUNE), List.of("HUE"), 0));
    }

    @Test
    public void eachProblemNamesItsField() {
        assertEquals(List.of("code", "nameEn", "periodicity", "dueDays", "indicators", "levels"), fields(new ReportingForm(
                "bad code", "Biểu", "", null, 400, List.of(), List.of(), List.of(), 0)));
        assertEquals(List.of("indicators[0]", "indicators[1]", "indicators[2]", "indicators[3]", "indicators[5]",
                "orgUnits[0]", "orgUnits[2]"), fields(new ReportingForm("F-2", "Biểu", "Form", Periodicity.MONTHLY, 0,
                        List.of("NOPE", "QRATE", "SUM", "OLD", "RATE", "RATE"), List.of(), List.of("NOWHERE", "HUE", "HUE"),
                        0)));
        assertEquals(List.of("dueDays"), fields(new ReportingForm("F-3", "Biểu", "Form", Periodicity.MONTHLY, -1,
                List.of("RATE"), List.of(OrgUnitLevel.PROVINCE), List.of(), 0)));
        assertEquals(List.of("levels"), fields(new ReportingForm("F-4", "Biểu", "Form", Periodicity.MONTHLY, 1,
                List.of("RATE"), java.util.Arrays.asList((OrgUnitLevel) null), List.of(), 0)));
    }

    private static IndicatorRegistry registry() {
        return new IndicatorRegistry() {
            public Optional<Indicator> find(String code) {
                return Optional.ofNullable(INDICATORS.get(code));
            }

            public Indicator get(String code) {
                return INDICATORS.get(code);
            }

            public List<Indicator> list(IndicatorLayer layer, boolean includeRetired) {
                return List.copyOf(INDICATORS.values());
            }

            public Indicator create(Caller caller, Indicator definition) {
                throw new UnsupportedOperationException();
            }

            public Indicator update(Caller caller, String code, Indicator definition) {
                throw new UnsupportedOperationException();
            }

            public Indicator retire(Caller caller, String code, long version) {
                throw new UnsupportedOperationException();
            }

            public long count() {
                return INDICATORS.size();
            }

            public Optional<String> providerBundle(String code) {
                return Optional.empty();
            }

            public boolean enabledAt(String code, String orgUnit) {
                return true;
            }
        };
    }

    private static OrgUnitService units() {
        OrgUnit hue = new OrgUnit("HUE", "Huế", "Hue", OrgUnitLevel.PROVINCE, "VN", "/VN/HUE/");
        return new OrgUnitService() {
            public Optional<OrgUnit> find(String code) {
                return "HUE".equals(code) ? Optional.of(hue) : Optional.empty();
            }

            public OrgUnit get(String code) {
                return find(code).orElseThrow();
            }

            public List<OrgUnit> children(String code) {
                return List.of();
            }

            public Page<OrgUnit> subtree(String code, int offset, int limit) {
                throw new UnsupportedOperationException();
            }

            public Page<OrgUnit> search(OrgUnitLevel level, String text, int offset, int limit) {
                throw new UnsupportedOperationException();
            }

            public boolean isWithin(String code, String ancestor) {
                return code.equals(ancestor);
            }

            public long count() {
                return 1;
            }

            public OrgUnit create(Caller caller, OrgUnit unit) {
                throw new UnsupportedOperationException();
            }
        };
    }
}

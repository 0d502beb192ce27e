package org.mekong.province.hue.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.orgunit.OrgUnitLevel;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.mekong.core.spi.WarningSeverity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Hue's own early warning: a unit whose share of residents with a digital identity
 * ({@value HueIndicatorProvider#DIGITAL_CITIZENS}) fell from one quarter to the next. It reads the
 * entered values through the core data API (rejected values do not count) with a read-only caller
 * over the whole tree. Like the plugin's indicators and endpoints, its warnings follow the plugin's
 * scope: while a pilot enables Hue's plugin for some units only, the monitoring engine keeps the
 * findings for those units.
 */
@Component(service = WarningRule.class)
public class HueDigitalCitizensFallingRule implements WarningRule {
    static final String ID = "hue.digital-citizens-falling";

    private final DataValueService dataValues;
    private final OrgUnitService orgUnits;

    @Activate
    public HueDigitalCitizensFallingRule(@Reference DataValueService dataValues, @Reference OrgUnitService orgUnits) {
        this.dataValues = dataValues;
        this.orgUnits = orgUnits;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String nameVi() {
        return "Tỷ lệ người dân có danh tính số giảm so với quý trước (Huế)";
    }

    @Override
    public String nameEn() {
        return "Share of residents with a digital identity fell from the previous quarter (Hue)";
    }

    @Override
    public List<WarningFinding> check(WarningContext context) {
        // the rule reads, never writes: no role, and the national root(s) as its units
        Set<String> roots = Set.copyOf(orgUnits.search(OrgUnitLevel.NATIONAL, null, 0, Page.MAX_LIMIT).items().stream()
                .map(u -> u.code()).toList());
        Caller reader = new Caller("rule:" + ID, Set.of(), roots);
        Map<String, List<DataValue>> byUnit = new LinkedHashMap<>();
        for (int offset = 0;; offset += Page.MAX_LIMIT) {
            Page<DataValue> page = dataValues.find(reader, new DataValueQuery(HueIndicatorProvider.DIGITAL_CITIZENS, null,
                    false, null, null, null, null, offset, Page.MAX_LIMIT));
            for (DataValue v : page.items()) {
                if (v.value() != null && v.state() != DataValueState.REJECTED) {
                    byUnit.computeIfAbsent(v.orgUnit(), k -> new ArrayList<>()).add(v);
                }
            }
            if (page.items().size() < Page.MAX_LIMIT) {
                break;
            }
        }
        List<WarningFinding> findings = new ArrayList<>();
        byUnit.forEach((unit, values) -> {
            values.sort(Comparator.comparing(DataValue::period));
            if (values.size() < 2) {
                return;
            }
            DataValue last = values.get(values.size() - 1);
            DataValue before = values.get(values.size() - 2);
            if (last.value() < before.value()) {
                findings.add(new WarningFinding(unit, "INDICATOR", HueIndicatorProvider.DIGITAL_CITIZENS + "/" + unit,
                        WarningSeverity.WARNING, "Tỷ lệ danh tính số giảm / digital-identity share fell: "
                                + before.value() + "% (" + before.period() + ") -> " + last.value() + "% ("
                                + last.period() + ")"));
            }
        });
        return findings;
    }
}

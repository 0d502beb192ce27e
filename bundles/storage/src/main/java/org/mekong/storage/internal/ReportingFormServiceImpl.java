package org.mekong.storage.internal;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.form.FormCompleteness;
import org.mekong.core.api.form.FormTimeliness;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.form.ReportingFormService;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reporting forms on plain JDBC beside the data values they describe: {@link FormDefinitions}
 * (managed definitions, audited) and {@link FormReports} (completeness, timeliness, outlier check).
 */
@Component(service = ReportingFormService.class)
public class ReportingFormServiceImpl implements ReportingFormService {
    private final FormDefinitions definitions;
    private final FormReports reports;

    @Activate
    public ReportingFormServiceImpl(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference StorageSchema schema, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits) {
        this.definitions = new FormDefinitions(ds, new FormChecks(indicators, orgUnits));
        this.reports = new FormReports(ds, indicators, orgUnits, ZoneId.systemDefault());
    }

    @Override
    public List<ReportingForm> list(Caller caller, String orgUnit) {
        caller.require();
        if (orgUnit == null || orgUnit.isBlank()) {
            return definitions.all();
        }
        OrgUnit unit = reports.readable(caller, orgUnit, "orgUnit");
        return definitions.all().stream().filter(f -> f.reportedBy(unit)).toList();
    }

    @Override
    public ReportingForm get(Caller caller, String code) {
        caller.require();
        return definitions.get(code);
    }

    @Override
    public ReportingForm create(Caller caller, ReportingForm form) {
        return definitions.create(caller, form);
    }

    @Override
    public ReportingForm update(Caller caller, String code, ReportingForm form) {
        return definitions.update(caller, code, form);
    }

    @Override
    public void delete(Caller caller, String code, long version) {
        definitions.delete(caller, code, version);
    }

    @Override
    public FormCompleteness completeness(Caller caller, String formCode, String orgUnit, String period) {
        caller.require();
        return reports.completeness(caller, definitions.get(formCode), orgUnit, period);
    }

    @Override
    public FormTimeliness timeliness(Caller caller, String formCode, Collection<String> orgUnits,
            Collection<String> periods) {
        caller.require();
        return reports.timeliness(caller, definitions.get(formCode), orgUnits, periods);
    }

    @Override
    public List<ErrorDetail> outliers(Caller caller, String formCode, String orgUnit, String period,
            List<DataValueInput> values) {
        caller.require();
        return reports.outliers(caller, definitions.get(formCode), orgUnit, period, values);
    }
}

package org.mekong.monitoring.internal.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueState;
import org.mekong.core.api.data.VerificationItem;
import org.mekong.core.api.data.VerificationQuery;
import org.mekong.core.api.form.ReportingFormService;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.monitoring.internal.Evidence;
import org.mekong.monitoring.internal.EvidenceService;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/monitoring/verification}: the verifier's queue from the core API, each value with
 * the names of its indicator and unit and its evidence files, joined for the whole page in one
 * query. Deciding goes through {@code POST /api/datavalues/verify} and {@code /reject}.
 */
@Component(service = VerificationResource.class)
@JaxrsResource
@JaxrsName("mekong.monitoring.verification")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("monitoring/verification")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "monitoring")
public class VerificationResource {
    private final DataValueService values;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;
    private final EvidenceService evidence;
    private final ReportingFormService forms;

    @Activate
    public VerificationResource(@Reference DataValueService values, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits, @Reference EvidenceService evidence, @Reference ReportingFormService forms) {
        this.values = values;
        this.forms = forms;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
        this.evidence = evidence;
    }

    /**
     * One queue row: the value, its indicator (names, unit of measure) and unit (names), the
     * previous period's value and the change to it, the outlier flag and the evidence files.
     */
    public record Row(String indicator, String indicatorNameVi, String indicatorNameEn, String unitOfMeasure,
            String orgUnit, String orgUnitNameVi, String orgUnitNameEn, String period, Double value, String comment,
            DataValueState state, String reason, long version, String updatedBy, Instant updatedAt,
            String previousPeriod, Double previousValue, DataValueState previousState, Double change, boolean outlier,
            String outlierProblem, List<Evidence> evidence) {
    }

    /** A page of the queue. */
    public record QueuePage(List<Row> items, long total, int offset, int limit) {
    }

    @RolesAllowed({ "VERIFIER", "CENTRAL_IT", "ADMIN" })
    @GET
    @Operation(summary = "The verification queue: values the caller may decide on (a verifier: the units below "
            + "their own), filtered by org unit (its subtree), period, reporting form (its indicators), indicator "
            + "(repeatable) and state (default "
            + "SUBMITTED), paged, each with the previous period's value, the outlier flag and its evidence files",
            responses = @ApiResponse(responseCode = "200", description = "One page of the queue and the total",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = QueuePage.class))))
    public QueuePage verificationQueue(@Context SecurityContext security, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("period") String period, @QueryParam("form") String form,
            @QueryParam("indicator") List<String> indicator, @QueryParam("state") String state,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        org.mekong.core.api.Caller caller = MekongRest.caller(security);
        List<String> wanted = indicator;
        if (blankToNull(form) != null) {
            // a form filters by its indicators (and, with indicators given too, by those of them in the form)
            List<String> ofForm = forms.get(caller, form.trim()).indicators();
            wanted = indicator == null || indicator.isEmpty() ? ofForm
                    : indicator.stream().filter(ofForm::contains).toList();
            if (wanted.isEmpty()) {
                return new QueuePage(List.of(), 0, Page.offset(offset), Page.limit(limit));
            }
        }
        Page<VerificationItem> page = values.verificationQueue(caller, new VerificationQuery(
                blankToNull(orgUnit), blankToNull(period), wanted, state(state), Page.offset(offset),
                Page.limit(limit)));
        List<DataValueKey> keys = page.items().stream().map(i -> key(i.value())).toList();
        Map<DataValueKey, List<Evidence>> files = evidence.forDataValues(keys);
        Map<String, Optional<Indicator>> known = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (VerificationItem item : page.items()) {
            DataValue v = item.value();
            Indicator ind = known.computeIfAbsent(v.indicator(), indicators::find).orElse(null);
            OrgUnit unit = orgUnits.find(v.orgUnit()).orElse(null);
            Double change = v.value() == null || item.previousValue() == null ? null : v.value() - item.previousValue();
            rows.add(new Row(v.indicator(), ind == null ? v.indicator() : ind.nameVi(),
                    ind == null ? v.indicator() : ind.nameEn(), ind == null ? null : ind.unit(), v.orgUnit(),
                    unit == null ? v.orgUnit() : unit.nameVi(), unit == null ? v.orgUnit() : unit.nameEn(), v.period(),
                    v.value(), v.comment(), v.state(), v.reason(), v.version(), v.updatedBy(), v.updatedAt(),
                    item.previousPeriod(), item.previousValue(), item.previousState(), change, item.outlier(),
                    item.outlierProblem(), files.getOrDefault(key(v), List.of())));
        }
        return new QueuePage(rows, page.total(), page.offset(), page.limit());
    }

    private static DataValueKey key(DataValue v) {
        return new DataValueKey(v.indicator(), v.orgUnit(), v.period());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static DataValueState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return DataValueState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("state", "phải là DRAFT, SUBMITTED, VERIFIED hoặc REJECTED / "
                    + "one of DRAFT, SUBMITTED, VERIFIED, REJECTED, got '" + state + "'");
        }
    }
}

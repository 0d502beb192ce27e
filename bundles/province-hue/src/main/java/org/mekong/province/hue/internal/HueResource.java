package org.mekong.province.hue.internal;

import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api/hue}: what Hue's plugin adds, and Hue's communes and wards. */
@Component(service = HueResource.class)
@JaxrsResource
@JaxrsName("mekong.province.hue")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("hue")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "hue")
public class HueResource {
    private final OrgUnitService orgUnits;
    private final HueIndicatorProvider indicators;

    @Activate
    public HueResource(@Reference OrgUnitService orgUnits, @Reference HueIndicatorProvider indicators) {
        this.orgUnits = orgUnits;
        this.indicators = indicators;
    }

    @GET
    @Operation(summary = "What Hue's plugin adds: its indicators and the number of Hue's communes and wards")
    public Map<String, Object> info() {
        List<OrgUnit> communes = orgUnits.children("HUE");
        return Map.of("plugin", "province-hue", "province", orgUnits.get("HUE"),
                "indicators", List.of(HueIndicatorProvider.CENTRE_RESOLUTION, HueIndicatorProvider.DIGITAL_CITIZENS),
                "communes", communes.size());
    }

    /**
     * The dashboard widget's data: each commune's centre resolution rate for a year (from the feedback
     * plugin's data), with the indicator's thresholds for the traffic light.
     */
    @GET
    @Path("centres")
    @Operation(summary = "Each Hue commune's public-service centre resolution rate for a year (default: this year), "
            + "computed from the feedback plugin's data, with the traffic-light thresholds")
    public Map<String, Object> centres(@javax.ws.rs.QueryParam("year") Integer year) {
        int y = year == null ? java.time.LocalDate.now().getYear() : year;
        if (y < 2000 || y > 2100) {
            throw org.mekong.core.api.InvalidInputException.field("year", "a year between 2000 and 2100");
        }
        java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("indicator", HueIndicatorProvider.CENTRE_RESOLUTION);
        out.put("year", y);
        out.put("feedbackPresent", indicators.feedbackPresent());
        out.put("greenThreshold", 60.0);
        out.put("redThreshold", 25.0);
        out.put("centres", indicators.centres(java.time.LocalDate.of(y, 1, 1)));
        return out;
    }

    @GET
    @Path("communes")
    @Operation(summary = "Hue's communes and wards")
    public List<OrgUnit> communes() {
        return orgUnits.children("HUE");
    }
}

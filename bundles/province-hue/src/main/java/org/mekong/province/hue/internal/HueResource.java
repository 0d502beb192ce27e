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

/** {@code GET /api/hue}: what Hue's plugin adds, and Hue's communes and wards. */
@Component(service = HueResource.class)
@JaxrsResource
@JaxrsName("mekong.province.hue")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("hue")
@Produces(MediaType.APPLICATION_JSON)
public class HueResource {
    private final OrgUnitService orgUnits;

    @Activate
    public HueResource(@Reference OrgUnitService orgUnits) {
        this.orgUnits = orgUnits;
    }

    @GET
    public Map<String, Object> info() {
        List<OrgUnit> communes = orgUnits.children("HUE");
        return Map.of("plugin", "province-hue", "province", orgUnits.get("HUE"),
                "indicators", List.of(HueIndicatorProvider.CENTRE_RESOLUTION, HueIndicatorProvider.DIGITAL_CITIZENS),
                "communes", communes.size());
    }

    @GET
    @Path("communes")
    public List<OrgUnit> communes() {
        return orgUnits.children("HUE");
    }
}

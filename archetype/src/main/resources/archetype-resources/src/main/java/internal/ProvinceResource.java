#set( $P = $province.toUpperCase() )
package ${package}.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Role;
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

/**
 * {@code /api/${province}}: what ${provinceName}'s plugin adds, and its initiatives register. Reading is
 * public; adding and updating initiatives needs a REPORTER, LEADER or CENTRAL_IT account of the
 * province (or a national one). Errors use the platform's JSON error body.
 */
@Component(service = ProvinceResource.class)
@JaxrsResource
@JaxrsName("mekong.province.${province}")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("${province}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "${province}")
public class ProvinceResource {
    private final OrgUnitService orgUnits;
    private final InitiativeStore store;

    @Activate
    public ProvinceResource(@Reference OrgUnitService orgUnits, @Reference InitiativeStore store) {
        this.orgUnits = orgUnits;
        this.store = store;
    }

    /** The body of a new initiative or of a status change. */
    public record InitiativeInput(String title, String status, String orgUnit) {
    }

    @GET
    @Operation(summary = "What ${provinceName}'s plugin adds: its indicators and initiatives")
    public Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("plugin", ProvinceIndicators.NAME);
        out.put("province", orgUnits.find(ProvinceIndicators.PROVINCE).orElse(null));
        out.put("indicators", List.of(ProvinceIndicators.INITIATIVES_DONE, ProvinceIndicators.COMMUNES_ONLINE));
        out.put("initiatives", store.list().size());
        out.put("initiativesDonePercent", store.doneShare());
        return out;
    }

    @GET
    @Path("initiatives")
    @Operation(summary = "${provinceName}'s initiatives register")
    public List<Initiative> initiatives() {
        return store.list();
    }

    @GET
    @Path("initiatives/{id}")
    @Operation(summary = "One initiative")
    public Initiative initiative(@PathParam("id") long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No initiative " + id));
    }

    @POST
    @Path("initiatives")
    @Operation(summary = "Add an initiative (REPORTER, LEADER or CENTRAL_IT of ${provinceName}, or a national account)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, InitiativeInput in) {
        Caller caller = writer(security);
        if (in == null) {
            throw new InvalidInputException("A JSON body {\"title\", \"status\", \"orgUnit\"} is required");
        }
        String title = in.title() == null ? "" : in.title().strip();
        if (title.isEmpty() || title.length() > 300 || title.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.field("title", "1 to 300 characters of plain text");
        }
        Initiative.Status status = status(in.status() == null ? "PLANNED" : in.status());
        String unit = in.orgUnit() == null || in.orgUnit().isBlank() ? ProvinceIndicators.PROVINCE : in.orgUnit().trim();
        if (orgUnits.find(unit).isEmpty() || !orgUnits.isWithin(unit, ProvinceIndicators.PROVINCE)) {
            throw InvalidInputException.field("orgUnit", "${provinceCode} or one of its units");
        }
        Initiative created = store.create(title, status, unit, caller.username());
        return Response.created(URI.create("${province}/initiatives/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("initiatives/{id}")
    @Operation(summary = "Change an initiative's status (same accounts as adding)")
    @Consumes(MediaType.APPLICATION_JSON)
    public Initiative update(@Context SecurityContext security, @PathParam("id") long id, InitiativeInput in) {
        writer(security);
        if (in == null || in.status() == null) {
            throw InvalidInputException.field("status", "one of PLANNED, IN_PROGRESS, DONE");
        }
        Initiative.Status status = status(in.status());
        return store.setStatus(id, status).orElseThrow(() -> new NotFoundException("No initiative " + id));
    }

    private Caller writer(SecurityContext security) {
        Caller caller = MekongRest.caller(security);
        caller.require(Role.REPORTER, Role.LEADER, Role.CENTRAL_IT);
        if (!caller.isNational() && caller.orgUnits().stream()
                .noneMatch(u -> orgUnits.isWithin(u, ProvinceIndicators.PROVINCE) || orgUnits.isWithin(ProvinceIndicators.PROVINCE, u))) {
            throw new ForbiddenException("Only accounts of ${provinceName} (${provinceCode}) or national accounts may change its initiatives");
        }
        return caller;
    }

    private static Initiative.Status status(String value) {
        try {
            return Initiative.Status.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field("status", "one of PLANNED, IN_PROGRESS, DONE");
        }
    }
}

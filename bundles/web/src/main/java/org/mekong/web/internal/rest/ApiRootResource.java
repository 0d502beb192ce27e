package org.mekong.web.internal.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mekong.web.api.MekongRest;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code GET /api}: what this server is, and where its documentation lives. */
@Component(service = ApiRootResource.class)
@JaxrsResource
@JaxrsName("mekong.root")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "platform")
public class ApiRootResource {
    private final String version;

    @Activate
    public ApiRootResource(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @GET
    @Operation(summary = "Name, version and documentation links of the Mekong API")
    public Map<String, Object> root() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Mekong");
        body.put("version", version);
        body.put("openapi", "/api/openapi.json");
        body.put("docs", "/api-docs/");
        body.put("soap", "/soap/data?wsdl");
        return body;
    }
}

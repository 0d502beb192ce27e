package org.mekong.web.internal.rest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mekong.web.api.MekongRest;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document of every resource currently in the
 * Mekong application, rebuilt on each request so it follows plugins installed live.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JaxrsName("mekong.openapi")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@Path("openapi.json")
@Hidden
public class OpenApiResource {
    private final List<Object> resources = new CopyOnWriteArrayList<>();
    private final String version;

    @Activate
    public OpenApiResource(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    @Reference(service = Object.class, target = "(&(osgi.jaxrs.resource=true)(osgi.jaxrs.application.select=*mekong*))",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResource(Object resource) {
        resources.add(resource);
    }

    void removeResource(Object resource) {
        resources.remove(resource);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() throws Exception {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Object r : resources) {
            if (r != this) {
                classes.add(r.getClass());
            }
        }
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Mekong API").version(version)
                        .description("REST API of the Mekong platform (Resolution 57): org units, indicators, data values, "
                                + "identity, audit and the installed plugins. Errors share one body: "
                                + "{\"error\", \"message\", \"details\"}."))
                .addServersItem(new Server().url("/api"))
                .schemaRequirement("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .schemaRequirement("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Reader.class.getClassLoader());
        try {
            Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(true));
            return Json.pretty(reader.read(classes));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

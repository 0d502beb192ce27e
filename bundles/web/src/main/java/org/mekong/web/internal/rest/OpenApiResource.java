package org.mekong.web.internal.rest;

import java.util.LinkedHashSet;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mekong.web.api.MekongRest;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.osgi.util.tracker.ServiceTracker;

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
    private final String version;
    /** Every JAX-RS resource of the Mekong application, whatever its service interface. */
    private final ServiceTracker<Object, Class<?>> resources;

    @Activate
    public OpenApiResource(BundleContext context) throws InvalidSyntaxException {
        this.version = context.getBundle().getVersion().toString();
        Filter filter = context.createFilter("(&(osgi.jaxrs.resource=true)(osgi.jaxrs.application.select=*"
                + MekongRest.APPLICATION + "*)(!(osgi.jaxrs.name=mekong.openapi)))");
        this.resources = new ServiceTracker<>(context, filter, null) {
            @Override
            public Class<?> addingService(ServiceReference<Object> reference) {
                Object service = context.getService(reference);
                if (service == null) {
                    return null;
                }
                try {
                    return service.getClass();
                } finally {
                    context.ungetService(reference);
                }
            }

            @Override
            public void removedService(ServiceReference<Object> reference, Class<?> type) {
                // nothing held: the service was released right after reading its class
            }
        };
        resources.open(true);
    }

    @Deactivate
    void deactivate() {
        resources.close();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() throws Exception {
        Set<Class<?>> classes = new LinkedHashSet<>(resources.getTracked().values());
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

package org.mekong.web.internal.rest;

import java.util.LinkedHashSet;
import java.util.Set;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.mekong.web.api.MekongRest;
import org.mekong.web.internal.ErrorBody;
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

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
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
            return Json.pretty(completed(reader.read(classes)));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * OpenAPI 3 requires a description on every response. A resource that declares a response only
     * for its schema ({@code @ApiResponse(responseCode = "201", content = ...)}) gets the HTTP reason
     * phrase, so the document stays valid for code generators whatever a plugin's annotations omit.
     */
    static OpenAPI completed(OpenAPI api) {
        if (api.getPaths() == null) {
            return api;
        }
        // every refusal shares one body (ErrorMapper): declare it once and give each operation a 4XX
        ModelConverters.getInstance().readAll(ErrorBody.class).forEach(api::schema);
        ApiResponse refused = new ApiResponse()
                .description("Refused: bad input (400), not signed in (401), not allowed (403), not found (404), "
                        + "conflict (409), too large (413) or too many requests (429); the body says why")
                .content(new Content().addMediaType(MediaType.APPLICATION_JSON, new io.swagger.v3.oas.models.media.MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + ErrorBody.class.getSimpleName()))));
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().forEach((code, response) -> {
                if (response.getDescription() == null && response.get$ref() == null) {
                    response.setDescription(reasonPhrase(code));
                }
            });
            if (operation.getResponses().keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                operation.getResponses().addApiResponse("4XX", refused);
            }
        }));
        return api;
    }

    private static String reasonPhrase(String code) {
        try {
            javax.ws.rs.core.Response.Status status = javax.ws.rs.core.Response.Status.fromStatusCode(Integer.parseInt(code));
            return status == null ? "HTTP " + code : status.getReasonPhrase();
        } catch (NumberFormatException e) {
            return "default".equals(code) ? "Default response" : code;
        }
    }
}

package org.mekong.feedback.internal.rest;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MediaType;

import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every error under {@code /api/open311/v2} in the GeoReport error list, also those the resource
 * never sees (no such path 404, 405, 406, 415, the shared error mapper's answers): the status is
 * kept, the core error body ({@code {error, message, details}}) becomes
 * {@code [{"code", "description"}]}, as XML for {@code .xml} paths or an Accept preferring XML.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName("mekong.feedback.open311.errors")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
public class Open311Errors implements ContainerResponseFilter {
    static final String PATH = "open311/v2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (response.getStatus() < 400 || !path.startsWith(PATH) || response.getEntity() instanceof String) {
            return; // not Open311, or already written by Open311Resource
        }
        int dot = path.lastIndexOf('.');
        String extension = dot > path.lastIndexOf('/') ? path.substring(dot) : "";
        boolean xml = GeoReportFormat.xml(extension.equals(".xml") || extension.equals(".json") ? extension : "",
                request.getAcceptableMediaTypes());
        Object body = GeoReportFormat.error(response.getStatus(), description(response), xml).build().getEntity();
        response.setEntity(body, null, MediaType.valueOf(xml ? GeoReportFormat.XML_TYPE : GeoReportFormat.JSON_TYPE));
    }

    /** The core body's message and the problems it names, or the status's reason phrase. */
    private static String description(ContainerResponseContext response) {
        Object entity = response.getEntity();
        String reason = response.getStatusInfo().getReasonPhrase();
        if (entity == null) {
            return reason;
        }
        try {
            JsonNode body = JSON.valueToTree(entity);
            StringBuilder out = new StringBuilder(body.path("message").asText(reason));
            for (JsonNode d : body.path("details")) {
                out.append("; ").append(d.path("field").asText()).append(": ").append(d.path("problem").asText());
            }
            return out.toString();
        } catch (IllegalArgumentException e) {
            return reason;
        }
    }
}

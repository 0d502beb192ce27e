package org.mekong.portal.internal.rest;

import java.util.List;
import java.util.Map;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Page;
import org.mekong.portal.internal.PortalService;
import org.mekong.portal.internal.Views;
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
 * {@code /api/portal/manage}: the editorial side. EDITOR writes and submits; REVIEWER also edits
 * items in review, publishes (now or at a time), returns with a note and archives; ADMIN may do
 * everything. Each change keeps a revision.
 */
@Component(service = PortalManageResource.class)
@JaxrsResource
@JaxrsName("mekong.portal.manage")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("portal/manage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "portal editing")
public class PortalManageResource {
    private final PortalService portal;

    @Activate
    public PortalManageResource(@Reference PortalService portal) {
        this.portal = portal;
    }

    public record StaffPage(List<Views.StaffSummary> items, long total, int offset, int limit) {
    }

    @GET
    @Path("options")
    @Operation(summary = "Kinds, statuses, document types and categories for the editors' form")
    public Views.Options options(@Context SecurityContext security) {
        MekongRest.caller(security).require(org.mekong.core.api.Role.EDITOR, org.mekong.core.api.Role.REVIEWER);
        return portal.options();
    }

    @GET
    @Path("items")
    @Operation(summary = "All items in any state, most recently changed first",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StaffPage.class))))
    public Page<Views.StaffSummary> list(@Context SecurityContext security, @QueryParam("status") String status,
            @QueryParam("kind") String kind, @QueryParam("q") String q, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return portal.manageList(MekongRest.caller(security), status, kind, q, Page.offset(offset),
                limit == null ? 50 : Page.limit(limit));
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a draft; body HTML is sanitised (fields cleaned are listed in 'sanitised')",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.StaffItem.class))))
    public Response create(@Context SecurityContext security, Views.ItemInput input) {
        return Response.status(201).entity(portal.create(MekongRest.caller(security), input)).build();
    }

    @GET
    @Path("items/{id}")
    @Operation(summary = "One item in any state, with bodies and files")
    public Views.StaffItem get(@Context SecurityContext security, @PathParam("id") long id) {
        return portal.manageGet(MekongRest.caller(security), id);
    }

    @PUT
    @Path("items/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an item (DRAFT: editors; IN_REVIEW and PUBLISHED: reviewers); version must be the "
            + "one loaded (409 otherwise)")
    public Views.StaffItem update(@Context SecurityContext security, @PathParam("id") long id, Views.ItemInput input) {
        return portal.update(MekongRest.caller(security), id, input);
    }

    @DELETE
    @Path("items/{id}")
    @Operation(summary = "Delete a draft (its author or a reviewer)")
    public Response delete(@Context SecurityContext security, @PathParam("id") long id) {
        portal.delete(MekongRest.caller(security), id);
        return Response.noContent().build();
    }

    @POST
    @Path("items/{id}/{action: submit|return|publish|archive|restore}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Workflow: submit (DRAFT->IN_REVIEW), return with a note (IN_REVIEW|SCHEDULED->DRAFT), "
            + "publish now or at publishAt (IN_REVIEW->PUBLISHED|SCHEDULED), archive (PUBLISHED->ARCHIVED), "
            + "restore (ARCHIVED->DRAFT); 409 names the allowed states")
    public Views.StaffItem act(@Context SecurityContext security, @PathParam("id") long id,
            @PathParam("action") String action, Views.ActionInput input) {
        return portal.act(MekongRest.caller(security), id, action, input);
    }

    @GET
    @Path("items/{id}/revisions")
    @Operation(summary = "The item's revisions, newest first")
    public List<Views.Revision> revisions(@Context SecurityContext security, @PathParam("id") long id) {
        return portal.revisions(MekongRest.caller(security), id);
    }

    @GET
    @Path("items/{id}/revisions/{rev}")
    @Operation(summary = "The item's content as it was at one revision")
    public Map<String, Object> revision(@Context SecurityContext security, @PathParam("id") long id,
            @PathParam("rev") int rev) {
        return portal.revision(MekongRest.caller(security), id, rev);
    }

    @POST
    @Path("items/{id}/files")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Attach a file (raw body; name in ?name=; pdf, png, jpg, docx, xlsx, txt up to 10 MiB)",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Views.FileInfo.class))))
    public Response upload(@Context SecurityContext security, @Context HttpHeaders headers, @PathParam("id") long id,
            @QueryParam("name") String name, byte[] body) {
        Views.FileInfo f = portal.addFile(MekongRest.caller(security), id, name, headers.getHeaderString("Content-Type"),
                body);
        return Response.status(201).entity(f).build();
    }

    @DELETE
    @Path("files/{fileId}")
    @Operation(summary = "Remove an attached file")
    public Response deleteFile(@Context SecurityContext security, @PathParam("fileId") long fileId) {
        portal.deleteFile(MekongRest.caller(security), fileId);
        return Response.noContent().build();
    }
}

package org.mekong.feedback.internal.rest;

import java.util.List;

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
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Page;
import org.mekong.feedback.internal.DiscussionService;
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

/** {@code /api/discussion}: spaces, members, topics, threaded comments, moderation and notifications. */
@Component(service = DiscussionResource.class)
@JaxrsResource
@JaxrsName("mekong.discussion")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("discussion")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "discussion")
public class DiscussionResource {
    private final DiscussionService discussion;

    @Activate
    public DiscussionResource(@Reference DiscussionService discussion) {
        this.discussion = discussion;
    }

    public record TopicPage(List<DiscussionService.TopicSummary> items, long total, int offset, int limit) {
    }

    public record MemberRequest(Boolean moderator) {
    }

    public record TopicRequest(String title, String body, List<DiscussionService.LinkInput> links) {
    }

    public record CommentRequest(String body, Long parentId) {
    }

    public record ReasonRequest(String reason) {
    }

    public record ReadRequest(List<Long> ids) {
    }

    @GET
    @Path("spaces")
    @Operation(summary = "All spaces, with whether the caller is a member or moderator")
    public List<DiscussionService.Space> spaces(@Context SecurityContext security) {
        return discussion.spaces(MekongRest.caller(security));
    }

    @GET
    @Path("spaces/{space}/members")
    @Operation(summary = "Members of a space (members only)")
    public List<DiscussionService.Member> members(@Context SecurityContext security, @PathParam("space") String space) {
        return discussion.members(MekongRest.caller(security), space);
    }

    @PUT
    @Path("spaces/{space}/members/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a member or change their moderator flag (space moderators, ADMIN, CENTRAL_IT)")
    public DiscussionService.Member putMember(@Context SecurityContext security, @PathParam("space") String space,
            @PathParam("username") String username, MemberRequest body) {
        return discussion.putMember(MekongRest.caller(security), space, username,
                body != null && Boolean.TRUE.equals(body.moderator()));
    }

    @DELETE
    @Path("spaces/{space}/members/{username}")
    @Operation(summary = "Remove a member")
    public Response removeMember(@Context SecurityContext security, @PathParam("space") String space,
            @PathParam("username") String username) {
        discussion.removeMember(MekongRest.caller(security), space, username);
        return Response.noContent().build();
    }

    @GET
    @Path("spaces/{space}/topics")
    @Operation(summary = "Topics of a space, latest activity first",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TopicPage.class))))
    public Page<DiscussionService.TopicSummary> topics(@Context SecurityContext security,
            @PathParam("space") String space, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return discussion.topics(MekongRest.caller(security), space, Page.offset(offset), Page.limit(limit));
    }

    @POST
    @Path("spaces/{space}/topics")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a topic, optionally linked to feedback items and indicators",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiscussionService.Topic.class))))
    public Response createTopic(@Context SecurityContext security, @PathParam("space") String space,
            TopicRequest body) {
        TopicRequest b = body == null ? new TopicRequest(null, null, null) : body;
        return Response.status(201).entity(discussion.createTopic(MekongRest.caller(security), space, b.title(), b.body(),
                b.links())).build();
    }

    @GET
    @Path("topics/{id}")
    @Operation(summary = "A topic with its links and its comments in thread order")
    public DiscussionService.Topic topic(@Context SecurityContext security, @PathParam("id") long id) {
        return discussion.topic(MekongRest.caller(security), id);
    }

    @POST
    @Path("topics/{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comment, or reply to a comment (parentId); 409 when the topic is locked",
            responses = @ApiResponse(responseCode = "201", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiscussionService.Comment.class))))
    public Response comment(@Context SecurityContext security, @PathParam("id") long id, CommentRequest body) {
        CommentRequest b = body == null ? new CommentRequest(null, null) : body;
        return Response.status(201).entity(discussion.comment(MekongRest.caller(security), id, b.body(), b.parentId()))
                .build();
    }

    @POST
    @Path("topics/{id}/lock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lock a topic with a reason (moderators)")
    public DiscussionService.Topic lock(@Context SecurityContext security, @PathParam("id") long id,
            ReasonRequest body) {
        return discussion.lock(MekongRest.caller(security), id, true, body == null ? null : body.reason());
    }

    @POST
    @Path("topics/{id}/unlock")
    @Operation(summary = "Unlock a topic (moderators)")
    public DiscussionService.Topic unlock(@Context SecurityContext security, @PathParam("id") long id) {
        return discussion.lock(MekongRest.caller(security), id, false, null);
    }

    @POST
    @Path("comments/{id}/hide")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hide a comment with a reason (moderators)")
    public DiscussionService.Comment hide(@Context SecurityContext security, @PathParam("id") long id,
            ReasonRequest body) {
        return discussion.hide(MekongRest.caller(security), id, true, body == null ? null : body.reason());
    }

    @POST
    @Path("comments/{id}/unhide")
    @Operation(summary = "Show a hidden comment again (moderators)")
    public DiscussionService.Comment unhide(@Context SecurityContext security, @PathParam("id") long id) {
        return discussion.hide(MekongRest.caller(security), id, false, null);
    }

    @GET
    @Path("notifications")
    @Operation(summary = "The caller's mentions and replies, newest first, with the unread count")
    public DiscussionService.Notifications notifications(@Context SecurityContext security) {
        return discussion.notifications(MekongRest.caller(security));
    }

    @POST
    @Path("notifications/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark notifications read (all when ids is absent)")
    public DiscussionService.Notifications read(@Context SecurityContext security, ReadRequest body) {
        return discussion.markRead(MekongRest.caller(security), body == null ? null : body.ids());
    }
}

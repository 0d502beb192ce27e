package org.mekong.portal.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.mekong.core.api.Page;
import org.mekong.portal.internal.Feeds;
import org.mekong.portal.internal.Figures;
import org.mekong.portal.internal.PortalService;
import org.mekong.portal.internal.Views;
import org.mekong.portal.internal.Vocab.Kind;
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

/** {@code /api/portal}: the public site's content, search, figures and feeds (published content only). */
@Component(service = PortalResource.class)
@JaxrsResource
@JaxrsName("mekong.portal")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("portal")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "portal")
public class PortalResource {
    private final PortalService portal;
    private final Figures figures;
    private final Feeds feeds;

    @Activate
    public PortalResource(@Reference PortalService portal, @Reference Figures figures, @Reference Feeds feeds) {
        this.portal = portal;
        this.figures = figures;
        this.feeds = feeds;
    }

    /** A page of items, for the OpenAPI document. */
    public record SummaryPage(List<Views.Summary> items, long total, int offset, int limit) {
    }

    @GET
    @Path("home")
    @Operation(summary = "The home page: the latest news, documents and activities, and the installed plugins' live figures")
    public Views.Home home() {
        return new Views.Home(portal.list(Kind.ARTICLE.name(), null, null, null, null, null, 0, 6).items(),
                portal.list(Kind.DOCUMENT.name(), null, null, null, null, null, 0, 5).items(),
                portal.list(Kind.ACTIVITY.name(), null, null, null, null, null, 0, 5).items(), figures.groups());
    }

    @GET
    @Path("figures")
    @Operation(summary = "The live overview figures of the installed plugins (one group per plugin; empty when none)")
    public List<Views.FigureGroup> figures() {
        return figures.groups();
    }

    @GET
    @Path("items")
    @Operation(summary = "Published items, newest first (documents by issue date, activities by date), with filters",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SummaryPage.class))))
    public Page<Views.Summary> items(@QueryParam("kind") String kind, @QueryParam("category") String category,
            @QueryParam("tag") String tag, @QueryParam("docType") String docType, @QueryParam("issuer") String issuer,
            @QueryParam("year") Integer year, @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return portal.list(kind, category, tag, docType, issuer, year, Page.offset(offset),
                limit == null ? 20 : Page.limit(limit));
    }

    @GET
    @Path("items/{slug}")
    @Operation(summary = "One published item by its address (slug) or id; 404 for anything not published")
    public Views.PublicItem item(@PathParam("slug") String slug) {
        return portal.published(slug);
    }

    @GET
    @Path("search")
    @Operation(summary = "Full-text search of published content in both languages; every word must match, accents "
            + "optional (\"chuyen doi so\" finds \"chuyển đổi số\"); \"phrase\", -word and prefix* work",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SummaryPage.class))))
    public Page<Views.Summary> search(@QueryParam("q") String q, @QueryParam("kind") String kind,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return portal.search(q, kind, Page.offset(offset), limit == null ? 20 : Page.limit(limit));
    }

    @GET
    @Path("facets")
    @Operation(summary = "Filter values for the public lists: categories, document types, issuers, years, tags")
    public Views.Facets facets() {
        return portal.facets();
    }

    @GET
    @Path("files/{id}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "A file attached to a published item (editors: any item)")
    public Response file(@Context SecurityContext security, @PathParam("id") long id) {
        PortalService.FileData f = portal.file(MekongRest.caller(security), id);
        boolean inline = f.contentType().startsWith("image/") || "application/pdf".equals(f.contentType());
        String encoded = java.net.URLEncoder.encode(f.name(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(f.content(), f.contentType())
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
                .build();
    }

    @GET
    @Path("feed.rss")
    @Produces("application/rss+xml;charset=UTF-8")
    @Operation(summary = "RSS 2.0 feed of the latest published items (lang=vi|en, kind=ARTICLE|DOCUMENT|ACTIVITY)")
    public Response rss(@Context UriInfo uri, @QueryParam("lang") String lang, @QueryParam("kind") String kind) {
        return Response.ok(feeds.rss(site(uri), lang, kind), "application/rss+xml;charset=UTF-8")
                .cacheControl(minute()).build();
    }

    @GET
    @Path("feed.atom")
    @Produces("application/atom+xml;charset=UTF-8")
    @Operation(summary = "Atom 1.0 feed of the latest published items (lang=vi|en, kind=ARTICLE|DOCUMENT|ACTIVITY)")
    public Response atom(@Context UriInfo uri, @QueryParam("lang") String lang, @QueryParam("kind") String kind) {
        return Response.ok(feeds.atom(site(uri), lang, kind), "application/atom+xml;charset=UTF-8")
                .cacheControl(minute()).build();
    }

    private static CacheControl minute() {
        CacheControl cc = new CacheControl();
        cc.setMaxAge(60);
        return cc;
    }

    private static String site(UriInfo uri) {
        URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}

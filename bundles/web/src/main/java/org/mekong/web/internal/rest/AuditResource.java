package org.mekong.web.internal.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Page;
import org.mekong.core.api.data.AuditEntry;
import org.mekong.core.api.data.AuditService;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit trail: who changed what, when, from what to what. */
@Component(service = AuditResource.class)
@JaxrsResource
@JaxrsName("mekong.audit")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {
    private final AuditService audit;

    @Activate
    public AuditResource(@Reference AuditService audit) {
        this.audit = audit;
    }

    /** An audit entry with its before and after states as JSON objects rather than strings. */
    public record AuditView(long id, java.time.Instant at, String actor, String entityType, String entityKey,
            String action, @JsonRawValue String before, @JsonRawValue String after) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.id(), e.at(), e.actor(), e.entityType(), e.entityKey(), e.action(), e.before(), e.after());
        }
    }

    @GET
    @Operation(summary = "Audit entries, newest first; filter by entity type and key prefix")
    public Page<AuditView> find(@Context SecurityContext security, @QueryParam("entityType") String type,
            @QueryParam("entityKey") String key, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        Page<AuditEntry> page = audit.find(RestSupport.caller(security), type, key, Page.offset(offset), Page.limit(limit));
        return new Page<>(page.items().stream().map(AuditView::of).toList(), page.total(), page.offset(), page.limit());
    }
}

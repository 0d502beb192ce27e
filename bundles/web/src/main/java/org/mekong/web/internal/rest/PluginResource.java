package org.mekong.web.internal.rest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.annotation.security.RolesAllowed;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/plugins}: central IT installs, upgrades and uninstalls Mekong plugin features on the
 * running server, as with {@code feature:install} in the Karaf shell. Changes run as jobs (202 with
 * the job's address): installing takes seconds and rebuilds the REST application, so the request
 * does not wait for it. Data stays in the database on uninstall and is there again on reinstall.
 */
@Component(service = PluginResource.class)
@JaxrsResource
@JaxrsName("mekong.plugins")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@JSONRequired
@Path("plugins")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plugins")
public class PluginResource {
    private static final Logger LOG = LoggerFactory.getLogger(PluginResource.class);
    private static final Pattern NAME = Pattern.compile("^mekong-[a-z0-9-]{1,80}$");
    private static final Pattern VERSION = Pattern.compile("^[0-9][A-Za-z0-9._-]{0,40}$");
    private static final Pattern REPO = Pattern.compile("^(mvn:|file:)[^\\s]{3,500}$");

    private final FeaturesService features;
    private final AuditService audit;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mekong-plugin-jobs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    @Activate
    public PluginResource(@Reference FeaturesService features, @Reference AuditService audit) {
        this.features = features;
        this.audit = audit;
    }

    @Deactivate
    void stop() {
        worker.shutdown();
    }

    /** A plugin feature as central IT sees it. */
    public record PluginView(String name, String version, String description, boolean installed, boolean boot) {
    }

    /** A change on its way: QUEUED, RUNNING, DONE or FAILED (with the reason). */
    public record Job(String id, String action, String feature, String version, String status, String message,
            String by, Instant queuedAt, Instant finishedAt, Long millis) {
    }

    /** What to do: the version for install (empty: the newest known), a features repository to add first. */
    public record ChangeInput(String version, String repository) {
    }

    @GET
    @Operation(summary = "The Mekong plugin features known to the server (every version), installed or not; CENTRAL_IT")
    public List<PluginView> list(@Context SecurityContext security) throws Exception {
        MekongRest.caller(security).require(Role.CENTRAL_IT);
        List<PluginView> out = new ArrayList<>();
        for (Feature f : features.listFeatures()) {
            if (f.getName().startsWith("mekong-")) {
                out.add(new PluginView(f.getName(), f.getVersion(), f.getDescription(), features.isInstalled(f),
                        List.of("mekong-core", "mekong-database", "mekong-libs", "mekong-search").contains(f.getName())));
            }
        }
        out.sort(java.util.Comparator.comparing(PluginView::name).thenComparing(PluginView::version));
        return out;
    }

    @RolesAllowed("CENTRAL_IT")
    @POST
    @Path("{name}/{action: install|uninstall}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Install (or upgrade to a version: add its features repository first with 'repository') or "
            + "uninstall a plugin feature, as a job; 202 with the job; CENTRAL_IT")
    public Response change(@Context SecurityContext security, @PathParam("name") String name,
            @PathParam("action") String action, ChangeInput in) throws Exception {
        Caller caller = MekongRest.caller(security);
        caller.require(Role.CENTRAL_IT);
        if (!NAME.matcher(name).matches() || List.of("mekong-core", "mekong-database", "mekong-libs").contains(name)) {
            throw InvalidInputException.field("name", "a Mekong plugin feature such as mekong-province-hue (not the core)");
        }
        String version = in == null || in.version() == null || in.version().isBlank() ? null : in.version().trim();
        if (version != null && !VERSION.matcher(version).matches()) {
            throw InvalidInputException.field("version", "a version such as 0.2.0");
        }
        String repo = in == null || in.repository() == null || in.repository().isBlank() ? null : in.repository().trim();
        if (repo != null && !REPO.matcher(repo).matches()) {
            throw InvalidInputException.field("repository", "a features repository URL: mvn:group/artifact/version/xml/features");
        }
        if (repo == null && Arrays.stream(features.getFeatures(name)).noneMatch(f -> version == null
                || version.equals(f.getVersion()))) {
            throw new NotFoundException("No feature " + name + (version == null ? "" : "/" + version)
                    + " is known; add its repository with 'repository'");
        }
        Job job = new Job(UUID.randomUUID().toString(), action, name, version, "QUEUED", null, caller.username(),
                Instant.now(), null, null);
        jobs.put(job.id(), job);
        worker.submit(() -> run(job, repo));
        // relative to the application base (/api/), so the Location is /api/plugins/jobs/{id}
        return Response.accepted(job).location(URI.create("plugins/jobs/" + job.id())).build();
    }

    @GET
    @Path("jobs/{id}")
    @Operation(summary = "A plugin job's progress; CENTRAL_IT")
    public Job job(@Context SecurityContext security, @PathParam("id") String id) {
        MekongRest.caller(security).require(Role.CENTRAL_IT);
        Job j = jobs.get(id);
        if (j == null) {
            throw new NotFoundException("No plugin job " + id);
        }
        return j;
    }

    private void run(Job job, String repo) {
        long start = System.nanoTime();
        jobs.put(job.id(), with(job, "RUNNING", null, null));
        try {
            if (repo != null) {
                features.addRepository(URI.create(repo));
            }
            String id = job.version() == null ? job.feature() : job.feature() + "/" + job.version();
            EnumSet<FeaturesService.Option> options = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
            if ("install".equals(job.action())) {
                if (job.version() != null) {
                    // an upgrade (or downgrade): the other installed version of the feature goes in the same step
                    options.add(FeaturesService.Option.Upgrade);
                }
                features.installFeature(id, options);
            } else {
                features.uninstallFeature(job.feature(), options);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            jobs.put(job.id(), with(job, "DONE", null, ms));
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("feature", id);
            after.put("millis", ms);
            audit.record(job.by(), "Plugin", job.feature(), job.action().toUpperCase(), null, after);
        } catch (Exception e) {
            LOG.warn("Plugin job {} {} failed", job.action(), job.feature(), e);
            jobs.put(job.id(), with(job, "FAILED", e.getMessage(), (System.nanoTime() - start) / 1_000_000));
        }
    }

    private static Job with(Job j, String status, String message, Long millis) {
        return new Job(j.id(), j.action(), j.feature(), j.version(), status, message, j.by(), j.queuedAt(),
                "DONE".equals(status) || "FAILED".equals(status) ? Instant.now() : null, millis);
    }
}

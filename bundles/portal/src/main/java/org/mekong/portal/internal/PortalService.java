package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.BODIES;
import static org.mekong.portal.internal.ItemRepository.COLUMNS;
import static org.mekong.portal.internal.ItemRepository.row;
import static org.mekong.portal.internal.ItemViews.entry;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Views.ActionInput;
import org.mekong.portal.internal.Views.Facets;
import org.mekong.portal.internal.Views.FileInfo;
import org.mekong.portal.internal.Views.ItemInput;
import org.mekong.portal.internal.Views.Options;
import org.mekong.portal.internal.Views.PublicItem;
import org.mekong.portal.internal.Views.Revision;
import org.mekong.portal.internal.Views.StaffItem;
import org.mekong.portal.internal.Views.StaffSummary;
import org.mekong.portal.internal.Views.Summary;
import org.mekong.portal.internal.Vocab.Kind;
import org.mekong.portal.internal.Vocab.Named;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portal content: articles, documents and activities, their editorial workflow (DRAFT ->
 * IN_REVIEW -> PUBLISHED or SCHEDULED -> ARCHIVED), revisions, files, and the public reads. Only
 * PUBLISHED items are ever answered on public paths, indexed for search or put in feeds. Every
 * change is one transaction, one revision, one audit record and one event
 * {@code mekong/portal/<STATUS>}. This component is the facade the REST resources, feeds and demo
 * data use; the work is done by {@link PublicCatalogue}, {@link EditorDesk}, {@link ItemEditor},
 * {@link EditorialWorkflow}, {@link Revisions}, {@link ItemFiles} and {@link PublicationScheduler}.
 */
@Component(service = PortalService.class, configurationPid = PortalConfig.PID)
@Designate(ocd = PortalConfig.class)
public class PortalService {
    private static final Logger LOG = LoggerFactory.getLogger(PortalService.class);

    private final DataSource ds;
    private final PortalIndex index;
    private final Revisions revisions;
    private final PublicationScheduler scheduler;
    private final PublicCatalogue catalogue;
    private final EditorDesk desk;
    private final ItemEditor editor;
    private final EditorialWorkflow workflow;
    private final ItemFiles files;

    /** A file of a published item (any file for editors). */
    public record FileData(String name, String contentType, byte[] content) {
    }

    @Activate
    public PortalService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference PortalIndex index, @Reference AuditService audit, @Reference EventAdmin events,
            @Reference PortalSchema schema, PortalConfig config) {
        this.ds = ds;
        this.index = index;
        reindex();
        PortalEvents posted = new PortalEvents(events);
        revisions = new Revisions(ds);
        scheduler = new PublicationScheduler(ds, index, audit, revisions, posted);
        catalogue = new PublicCatalogue(ds, index, scheduler);
        desk = new EditorDesk(ds, scheduler);
        editor = new ItemEditor(ds, index, audit, revisions);
        workflow = new EditorialWorkflow(ds, index, audit, revisions, posted);
        files = new ItemFiles(ds, audit);
        scheduler.start(config.schedule_interval_seconds());
    }

    @Deactivate
    void deactivate() {
        scheduler.stop();
    }

    /** Refills the search index with every published item. */
    public void reindex() {
        List<Row> rows = Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + BODIES
                + " FROM PT_ITEM WHERE STATUS = 'PUBLISHED'", r -> row(r, true)));
        index.clear();
        rows.forEach(r -> index.put(entry(r)));
        LOG.info("Indexed {} published portal items", rows.size());
    }

    // ------------------------------------------------------------------ public reads

    public Page<Summary> list(String kind, String category, String tag, String docType, String issuer, Integer year,
            int offset, int limit) {
        return catalogue.list(kind, category, tag, docType, issuer, year, offset, limit);
    }

    /** A published item by slug (or numeric id); 404 for anything unpublished. */
    public PublicItem published(String slugOrId) {
        return catalogue.published(slugOrId);
    }

    /** Published items matching every word of q, best first; accents optional. */
    public Page<Summary> search(String q, String kind, int offset, int limit) {
        return catalogue.search(q, kind, offset, limit);
    }

    public Facets facets() {
        return catalogue.facets();
    }

    public FileData file(Caller caller, long fileId) {
        return files.file(caller, fileId);
    }

    /** The latest published items for feeds and the home page, with bodies. */
    List<Row> latest(Kind kind, int n) {
        return catalogue.latest(kind, n);
    }

    Map<String, Named> categories() {
        return Jdbc.read(ds, ItemRepository::categories);
    }

    // ------------------------------------------------------------------ editors' reads

    public Options options() {
        return desk.options();
    }

    public Page<StaffSummary> manageList(Caller caller, String status, String kind, String q, int offset, int limit) {
        return desk.manageList(caller, status, kind, q, offset, limit);
    }

    public StaffItem manageGet(Caller caller, long id) {
        return desk.manageGet(caller, id);
    }

    public List<Revision> revisions(Caller caller, long id) {
        return revisions.revisions(caller, id);
    }

    /** The content of an item as it was at a revision. */
    public Map<String, Object> revision(Caller caller, long id, int rev) {
        return revisions.revision(caller, id, rev);
    }

    // ------------------------------------------------------------------ editing

    public StaffItem create(Caller caller, ItemInput in) {
        return editor.create(caller, in);
    }

    public StaffItem update(Caller caller, long id, ItemInput in) {
        return editor.update(caller, id, in);
    }

    /** Runs a workflow action: submit, return, publish, archive or restore. */
    public StaffItem act(Caller caller, long id, String action, ActionInput input) {
        return workflow.act(caller, id, action, input);
    }

    public void delete(Caller caller, long id) {
        editor.delete(caller, id);
    }

    public FileInfo addFile(Caller caller, long itemId, String name, String contentType, byte[] bytes) {
        return files.addFile(caller, itemId, name, contentType, bytes);
    }

    public void deleteFile(Caller caller, long fileId) {
        files.deleteFile(caller, fileId);
    }

    // ------------------------------------------------------------------ kept for callers in this bundle

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        return ItemValidator.enumOf(type, field, value);
    }

    /** A URL slug from a title: folded to ASCII, words joined by hyphens, at most 80 characters. */
    static String slugOf(String title) {
        return ItemValidator.slugOf(title);
    }
}

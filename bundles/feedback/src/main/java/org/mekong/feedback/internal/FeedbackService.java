package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Views.AttachmentInfo;
import org.mekong.feedback.internal.Views.ItemSummary;
import org.mekong.feedback.internal.Views.ItemView;
import org.mekong.feedback.internal.Views.Receipt;
import org.mekong.feedback.internal.Views.Route;
import org.mekong.feedback.internal.Views.Submission;
import org.mekong.feedback.internal.Views.UnitRef;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.feedback.internal.Vocab.Status;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback items: intake from every channel, the processing workflow, routing, merging,
 * publication and the staff and public views. Every change is one transaction, one history row,
 * one audit record and one event {@code mekong/feedback/<STATUS>}. This component is the facade
 * the resources, SOAP and the other services use; each domain sits in a class of its own
 * ({@link Intake}, {@link Workflow}, {@link Routing}, {@link Inbox}, {@link ItemRepository}).
 */
@Component(service = FeedbackService.class, configurationPid = FeedbackConfig.PID)
@Designate(ocd = FeedbackConfig.class)
public class FeedbackService {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String ITEM_COLUMNS = ItemRepository.ITEM_COLUMNS;
    /** The public id of an item: its row id, so it says nothing about the secret tracking code. */
    static final String PUBLIC_ID_SQL = ItemRepository.PUBLIC_ID_SQL;

    private final DataSource ds;
    private final TextIndex index;
    private final ItemRepository items;
    private final FeedbackUnits names;
    private final Deadlines deadlines;
    private final Intake intake;
    private final Routing routing;
    private final Inbox inbox;
    private final Workflow workflow;

    @Activate
    public FeedbackService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference TextIndex index, @Reference EventAdmin events,
            @Reference AuditService audit, @Reference FeedbackSchema schema, FeedbackConfig config) {
        this.ds = ds;
        this.index = index;
        this.items = new ItemRepository(ds);
        this.names = new FeedbackUnits(units);
        this.deadlines = new Deadlines();
        StatusEvents posts = new StatusEvents(events);
        StaffAccess access = new StaffAccess(items, units);
        this.intake = new Intake(ds, units, index, posts, deadlines);
        this.routing = new Routing(ds, units, audit);
        this.inbox = new Inbox(ds, units, names, index, access, routing);
        this.workflow = new Workflow(ds, items, index, audit, posts, access, inbox, routing, deadlines, names);
        modified(config);
        reindex();
    }

    /** Deadlines and intake limits follow configuration changes without a restart. */
    @Modified
    void modified(FeedbackConfig config) {
        deadlines.configure(config);
        intake.configure(config);
    }

    /** The address a request came from: the remote address, or behind a trusted proxy the forwarded one. */
    public String clientAddress(String remoteAddress, String forwardedFor) {
        return intake.clientAddress(remoteAddress, forwardedFor);
    }

    /** Refills the text index from the database. */
    void reindex() {
        long start = System.nanoTime();
        index.clear();
        int n = Jdbc.read(ds, c -> {
            List<Row> rows = Jdbc.list(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM", ItemRepository::row);
            rows.forEach(r -> index.put(PublicText.entry(r)));
            return rows.size();
        });
        LOG.info("Indexed {} feedback items in {} ms", n, (System.nanoTime() - start) / 1_000_000);
    }

    // ---------------------------------------------------------------- intake (Intake, Deadlines)

    public Views.Options options() {
        return intake.options();
    }

    int deadlineDays(Category c) {
        return deadlines.days(c);
    }

    /** Received day + the category's processing days (OTHER's while the category is not known). */
    LocalDate deadline(Instant received, Category c) {
        return deadlines.deadline(received, c);
    }

    /**
     * Receives one item. Everything is checked before anything is stored; anonymous callers are
     * rate limited by {@code clientAddress} (see {@link #clientAddress}), signed-in senders without
     * a staff role by their account.
     */
    public Receipt submit(Caller caller, Submission s, Channel channel, String clientAddress) {
        return intake.submit(caller, s, channel, clientAddress);
    }

    static String publicId(long id) {
        return Intake.publicId(id);
    }

    String newCode() {
        return intake.newCode();
    }

    // ---------------------------------------------------------------- public text (PublicText, Inputs)

    /** A search text within 200 characters and 30 words, else a 400 naming q. */
    static String boundedQuery(String q) {
        return Inputs.boundedQuery(q);
    }

    /** The public title: the one stored at publication (or the sender's), masked again for rows published before. */
    static String publicTitle(Row r) {
        return PublicText.title(r);
    }

    static String publicContent(Row r) {
        return PublicText.content(r);
    }

    // ---------------------------------------------------------------- staff views (Inbox)

    public Page<ItemSummary> list(Caller caller, List<String> statuses, String category, String field, String orgUnit,
            String responsibleUnit, String q, boolean overdueOnly, int offset, int limit) {
        return inbox.list(caller, statuses, category, field, orgUnit, responsibleUnit, q, overdueOnly, offset, limit);
    }

    public ItemView item(Caller caller, String code) {
        return inbox.item(caller, code);
    }

    public record FileContent(String name, String contentType, byte[] bytes) {
    }

    public FileContent attachment(Caller caller, String code, long id) {
        return inbox.attachment(caller, code, id);
    }

    static List<AttachmentInfo> attachments(Connection c, long itemId) throws SQLException {
        return ItemRepository.attachments(c, itemId);
    }

    // ---------------------------------------------------------------- workflow (Workflow)

    public ItemView classify(Caller caller, String code, String category, String field) {
        return workflow.classify(caller, code, category, field);
    }

    public ItemView assign(Caller caller, String code, String unitCode, String note) {
        return workflow.assign(caller, code, unitCode, note);
    }

    public ItemView start(Caller caller, String code) {
        return workflow.start(caller, code);
    }

    public ItemView answer(Caller caller, String code, String answer) {
        return workflow.answer(caller, code, answer);
    }

    public ItemView publish(Caller caller, String code, String publicTitle, String publicContent) {
        return workflow.publish(caller, code, publicTitle, publicContent);
    }

    public ItemView reject(Caller caller, String code, String reason) {
        return workflow.reject(caller, code, reason);
    }

    public ItemView merge(Caller caller, String code, String into) {
        return workflow.merge(caller, code, into);
    }

    public ItemView note(Caller caller, String code, String text) {
        return workflow.note(caller, code, text);
    }

    // ---------------------------------------------------------------- routing (Routing)

    public List<Route> routes(Caller caller) {
        return routing.routes(caller);
    }

    public List<Route> replaceRoutes(Caller caller, List<Route> routes) {
        return routing.replaceRoutes(caller, routes);
    }

    // ---------------------------------------------------------------- rows and helpers (ItemRepository)

    /** One FB_ITEM row. */
    public record Row(long id, String code, String channel, String senderType, String senderName, String senderEmail,
            String senderPhone, String organisation, String senderUser, String title, String content, String place,
            String unit, String category, String field, String senderCategory, String senderField, Status status,
            Long mergedInto, LocalDate deadline, String answer, String answeredBy, Instant resolvedAt,
            Instant publishedAt, String publicTitle, String publicContent, String rejectReason, Double lat, Double lon,
            String address, Instant receivedAt, Instant updatedAt, long version, String publicId) {
    }

    static Row row(ResultSet rs) throws SQLException {
        return ItemRepository.row(rs);
    }

    /** An item by its public id ({@code FB-…}). */
    public Optional<Row> findPublic(String publicId) {
        return items.findPublic(publicId);
    }

    /** An item by its secret tracking code. */
    public Optional<Row> find(String code) {
        return items.find(code);
    }

    static LocalDate today() {
        return Deadlines.today();
    }

    static boolean overdue(Row r) {
        return Deadlines.overdue(r);
    }

    UnitRef unit(String code) {
        return names.unit(code);
    }

    /** Trimmed text or null when blank. */
    static String clean(String s) {
        return Inputs.clean(s);
    }

    /** A WHERE clause built from parts and their parameters. */
    static final class Where {
        private final StringBuilder sql;
        private final List<Object> params = new ArrayList<>();

        Where(String first) {
            sql = new StringBuilder(first);
        }

        void add(String part, Object... values) {
            sql.append(" AND ").append(part);
            params.addAll(List.of(values));
        }

        String sql() {
            return sql.toString();
        }

        Object[] params() {
            return params.toArray();
        }
    }

    DataSource dataSource() {
        return ds;
    }
}

package org.mekong.portal.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.FileType;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.TextFolding;
import org.mekong.core.api.data.AuditService;
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
import org.mekong.portal.internal.Vocab.DocType;
import org.mekong.portal.internal.Vocab.Kind;
import org.mekong.portal.internal.Vocab.Named;
import org.mekong.portal.internal.Vocab.Status;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Portal content: articles, documents and activities, their editorial workflow (DRAFT ->
 * IN_REVIEW -> PUBLISHED or SCHEDULED -> ARCHIVED), revisions, files, and the public reads. Only
 * PUBLISHED items are ever answered on public paths, indexed for search or put in feeds. Every
 * change is one transaction, one revision, one audit record and one event
 * {@code mekong/portal/<STATUS>}.
 */
@Component(service = PortalService.class, configurationPid = PortalConfig.PID)
@Designate(ocd = PortalConfig.class)
public class PortalService {
    private static final Logger LOG = LoggerFactory.getLogger(PortalService.class);
    static final int TITLE_MAX = 300;
    static final int SUMMARY_MAX = 1000;
    static final int BODY_MAX = 200_000;
    static final int TAGS_MAX = 10;
    static final long FILE_MAX_BYTES = 10L * 1024 * 1024;
    static final Set<String> FILE_TYPES = Set.of("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "txt");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
    private static final Role[] WRITERS = { Role.EDITOR, Role.REVIEWER };
    private static final Role[] REVIEWERS = { Role.REVIEWER };
    static final String COLUMNS = "ID, KIND, SLUG, STATUS, CATEGORY, TAGS, TITLE_VI, TITLE_EN, SUMMARY_VI, SUMMARY_EN, "
            + "DOC_NUMBER, DOC_TYPE, ISSUER, ISSUED_ON, EVENT_DATE, PERSON, ORG_BODY, PLACE, PUBLISH_AT, PUBLISHED_AT, "
            + "REVIEW_NOTE, CREATED_BY, CREATED_AT, UPDATED_BY, UPDATED_AT, VERSION";
    private static final String BODIES = ", BODY_VI, BODY_EN";

    private final DataSource ds;
    private final PortalIndex index;
    private final AuditService audit;
    private final EventAdmin events;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final ScheduledExecutorService scheduler;
    private final AtomicLong lastPromotion = new AtomicLong();

    /** One row of PT_ITEM (bodies only when asked for). */
    record Row(long id, Kind kind, String slug, Status status, String category, List<String> tags, String titleVi,
            String titleEn, String summaryVi, String summaryEn, String docNumber, String docType, String issuer,
            LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place, Instant publishAt,
            Instant publishedAt, String reviewNote, String createdBy, Instant createdAt, String updatedBy,
            Instant updatedAt, long version, String bodyVi, String bodyEn) {
    }

    @Activate
    public PortalService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference PortalIndex index, @Reference AuditService audit, @Reference EventAdmin events,
            @Reference PortalSchema schema, PortalConfig config) {
        this.ds = ds;
        this.index = index;
        this.audit = audit;
        this.events = events;
        reindex();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mekong-portal-scheduler");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, config.schedule_interval_seconds());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                promoteDue();
            } catch (RuntimeException e) {
                LOG.warn("Publishing scheduled portal items failed: {}", e.toString());
            }
        }, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
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

    /** Publishes scheduled items whose time has come (at most once a second from reads). */
    void promoteIfDue() {
        long now = System.currentTimeMillis();
        long last = lastPromotion.get();
        if (now - last >= 1000 && lastPromotion.compareAndSet(last, now)) {
            promoteDue();
        }
    }

    /** Publishes every SCHEDULED item whose publication time has passed; answers how many. */
    int promoteDue() {
        Instant now = Instant.now();
        List<Long> due = Jdbc.read(ds, c -> Jdbc.list(c,
                "SELECT ID FROM PT_ITEM WHERE STATUS = 'SCHEDULED' AND PUBLISH_AT <= ?", r -> r.getLong(1), now));
        int n = 0;
        for (long id : due) {
            Row after = Jdbc.write(ds, c -> {
                Row r = load(c, id, true);
                if (r.status() != Status.SCHEDULED) {
                    return null;
                }
                Jdbc.update(c, "UPDATE PT_ITEM SET STATUS = 'PUBLISHED', PUBLISHED_AT = ?, UPDATED_AT = ?, "
                        + "VERSION = VERSION + 1 WHERE ID = ?", r.publishAt(), now, id);
                Row a = load(c, id, true);
                revision(c, a, "PUBLISH", "scheduler", "Published as scheduled");
                return a;
            });
            if (after != null) {
                index.put(entry(after));
                audit.record("scheduler", "PortalItem", Long.toString(id), "PUBLISHED", Map.of("status", "SCHEDULED"),
                        Map.of("status", "PUBLISHED"));
                post(after, "scheduler");
                n++;
            }
        }
        return n;
    }

    public Page<Summary> list(String kind, String category, String tag, String docType, String issuer, Integer year,
            int offset, int limit) {
        promoteIfDue();
        Kind k = kind == null || kind.isBlank() ? null : enumOf(Kind.class, "kind", kind);
        StringBuilder where = new StringBuilder(" WHERE STATUS = 'PUBLISHED'");
        List<Object> params = new ArrayList<>();
        if (k != null) {
            where.append(" AND KIND = ?");
            params.add(k.name());
        }
        if (category != null && !category.isBlank()) {
            where.append(" AND CATEGORY = ?");
            params.add(category.trim());
        }
        if (tag != null && !tag.isBlank()) {
            where.append(" AND TAGS LIKE ?");
            params.add("%," + tag.trim().toLowerCase(Locale.ROOT) + ",%");
        }
        if (docType != null && !docType.isBlank()) {
            where.append(" AND DOC_TYPE = ?");
            params.add(enumOf(DocType.class, "docType", docType).name());
        }
        if (issuer != null && !issuer.isBlank()) {
            where.append(" AND ISSUER = ?");
            params.add(issuer.trim());
        }
        if (year != null) {
            if (year < 1900 || year > 2200) {
                throw InvalidInputException.field("year", "must be a year such as 2025");
            }
            where.append(" AND YEAR(").append(k == Kind.DOCUMENT ? "ISSUED_ON" : k == Kind.ACTIVITY ? "EVENT_DATE"
                    : "PUBLISHED_AT").append(") = ?");
            params.add(year);
        }
        String order = k == Kind.DOCUMENT ? " ORDER BY ISSUED_ON DESC, ID DESC"
                : k == Kind.ACTIVITY ? " ORDER BY EVENT_DATE DESC, ID DESC" : " ORDER BY PUBLISHED_AT DESC, ID DESC";
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM PT_ITEM" + where, params.toArray());
            List<Object> p = new ArrayList<>(params);
            p.add(offset);
            p.add(limit);
            Map<String, Named> cats = categories(c);
            List<Summary> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM PT_ITEM" + where + order
                    + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", r -> summary(row(r, false), cats), p.toArray());
            return new Page<>(items, total, offset, limit);
        });
    }

    /** A published item by slug (or numeric id); 404 for anything unpublished. */
    public PublicItem published(String slugOrId) {
        promoteIfDue();
        return Jdbc.read(ds, c -> {
            Row r = bySlugOrId(c, slugOrId);
            if (r == null || r.status() != Status.PUBLISHED) {
                throw new NotFoundException("No published item '" + slugOrId + "'");
            }
            Named cat = categories(c).get(r.category());
            return new PublicItem(r.id(), r.slug(), r.kind().name(), r.titleVi(), r.titleEn(), r.summaryVi(),
                    r.summaryEn(), cat, r.tags(), r.publishedAt(), r.docNumber(), r.docType(), r.issuer(), r.issuedOn(),
                    r.eventDate(), r.person(), r.orgBody(), r.place(), r.bodyVi(), r.bodyEn(), files(c, r.id()),
                    r.updatedAt());
        });
    }

    /** Published items matching every word of q, best first; accents optional. */
    public Page<Summary> search(String q, String kind, int offset, int limit) {
        promoteIfDue();
        String query = q == null ? "" : q.trim();
        if (query.isEmpty() || !index.hasWords(query)) {
            throw InvalidInputException.field("q", "type at least one word to search for");
        }
        if (query.length() > 200) {
            throw InvalidInputException.field("q", "at most 200 characters");
        }
        Kind k = kind == null || kind.isBlank() ? null : enumOf(Kind.class, "kind", kind);
        PortalIndex.Hits hits = index.search(query, k == null ? null : k.name(), offset, limit);
        if (hits.ids().isEmpty()) {
            return new Page<>(List.of(), hits.total(), offset, limit);
        }
        return Jdbc.read(ds, c -> {
            Map<String, Named> cats = categories(c);
            Map<Long, Summary> byId = new HashMap<>();
            Jdbc.list(c, "SELECT " + COLUMNS + " FROM PT_ITEM WHERE STATUS = 'PUBLISHED' AND ID IN ("
                    + Jdbc.marks(hits.ids().size()) + ")", r -> row(r, false), hits.ids().toArray())
                    .forEach(r -> byId.put(r.id(), summary(r, cats)));
            List<Summary> items = hits.ids().stream().map(byId::get).filter(s -> s != null).toList();
            return new Page<>(items, hits.total(), offset, limit);
        });
    }

    public Facets facets() {
        promoteIfDue();
        return Jdbc.read(ds, c -> {
            List<Named> cats = new ArrayList<>(categories(c).values());
            List<Named> types = Arrays.stream(DocType.values()).map(t -> new Named(t.name(), t.nameVi, t.nameEn))
                    .toList();
            List<String> issuers = Jdbc.list(c, "SELECT DISTINCT ISSUER FROM PT_ITEM WHERE STATUS = 'PUBLISHED' "
                    + "AND KIND = 'DOCUMENT' AND ISSUER IS NOT NULL ORDER BY ISSUER", r -> r.getString(1));
            List<Integer> years = Jdbc.list(c, "SELECT DISTINCT YEAR(ISSUED_ON) FROM PT_ITEM WHERE STATUS = 'PUBLISHED' "
                    + "AND KIND = 'DOCUMENT' AND ISSUED_ON IS NOT NULL ORDER BY 1 DESC", r -> r.getInt(1));
            Set<String> tags = new TreeSet<>();
            Jdbc.list(c, "SELECT TAGS FROM PT_ITEM WHERE STATUS = 'PUBLISHED' AND TAGS IS NOT NULL",
                    r -> r.getString(1)).forEach(t -> tags.addAll(splitTags(t)));
            return new Facets(cats, types, issuers, years, List.copyOf(tags));
        });
    }

    /** A file of a published item (any file for editors). */
    public record FileData(String name, String contentType, byte[] content) {
    }

    public FileData file(Caller caller, long fileId) {
        return Jdbc.read(ds, c -> {
            List<FileData> found = Jdbc.list(c, "SELECT F.NAME, F.CONTENT_TYPE, F.CONTENT FROM PT_FILE F JOIN PT_ITEM I "
                    + "ON I.ID = F.ITEM_ID WHERE F.ID = ?" + (isWriter(caller) ? "" : " AND I.STATUS = 'PUBLISHED'"),
                    r -> new FileData(r.getString(1), r.getString(2), r.getBytes(3)), fileId);
            FileData f = found.isEmpty() ? null : found.get(0);
            if (f == null) {
                throw new NotFoundException("No file " + fileId);
            }
            return f;
        });
    }

    // ------------------------------------------------------------------ editors' reads

    public Options options() {
        return Jdbc.read(ds, c -> new Options(Arrays.stream(Kind.values()).map(Enum::name).toList(),
                Arrays.stream(Status.values()).map(Enum::name).toList(),
                Arrays.stream(DocType.values()).map(t -> new Named(t.name(), t.nameVi, t.nameEn)).toList(),
                new ArrayList<>(categories(c).values())));
    }

    public Page<StaffSummary> manageList(Caller caller, String status, String kind, String q, int offset, int limit) {
        caller.require(WRITERS);
        promoteIfDue();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            where.append(" AND STATUS = ?");
            params.add(enumOf(Status.class, "status", status).name());
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" AND KIND = ?");
            params.add(enumOf(Kind.class, "kind", kind).name());
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + q.trim().toLowerCase(Locale.ROOT) + "%";
            String slugLike = "%" + slugOf(q) + "%";
            where.append(" AND (LOWER(TITLE_VI) LIKE ? OR LOWER(TITLE_EN) LIKE ? OR SLUG LIKE ? OR LOWER(DOC_NUMBER) LIKE ?)");
            params.addAll(List.of(like, like, slugLike, like));
        }
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM PT_ITEM" + where, params.toArray());
            List<Object> p = new ArrayList<>(params);
            p.add(offset);
            p.add(limit);
            Map<String, Named> cats = categories(c);
            List<StaffSummary> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM PT_ITEM" + where
                    + " ORDER BY UPDATED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", r -> {
                        Row x = row(r, false);
                        return new StaffSummary(x.id(), x.slug(), x.kind().name(), x.status().name(), x.titleVi(),
                                x.titleEn(), cats.get(x.category()), x.publishedAt(), x.publishAt(), x.updatedAt(),
                                x.updatedBy(), x.version(), x.docNumber(), x.eventDate());
                    }, p.toArray());
            return new Page<>(items, total, offset, limit);
        });
    }

    public StaffItem manageGet(Caller caller, long id) {
        caller.require(WRITERS);
        return Jdbc.read(ds, c -> staff(c, load(c, id, true), List.of()));
    }

    public List<Revision> revisions(Caller caller, long id) {
        caller.require(WRITERS);
        return Jdbc.read(ds, c -> {
            load(c, id, false);
            return Jdbc.list(c, "SELECT REV, STATUS, CHANGE_TYPE, AUTHOR, REVISED_AT, NOTE FROM PT_REVISION "
                    + "WHERE ITEM_ID = ? ORDER BY REV DESC", r -> new Revision(r.getInt(1), r.getString(2),
                            r.getString(3), r.getString(4), Jdbc.getInstant(r, "REVISED_AT"), r.getString(6)), id);
        });
    }

    /** The content of an item as it was at a revision. */
    public Map<String, Object> revision(Caller caller, long id, int rev) {
        caller.require(WRITERS);
        String snapshot = Jdbc.read(ds, c -> Jdbc.one(c, "SELECT SNAPSHOT FROM PT_REVISION WHERE ITEM_ID = ? AND REV = ?",
                r -> r.getString(1), id, rev).orElse(null));
        if (snapshot == null) {
            throw new NotFoundException("Item " + id + " has no revision " + rev);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = json.readValue(snapshot, LinkedHashMap.class);
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Revision " + rev + " of item " + id + " cannot be read", e);
        }
    }

    // ------------------------------------------------------------------ editing

    /** A checked, cleaned ItemInput. */
    private record Clean(Kind kind, String slug, String titleVi, String titleEn, String summaryVi, String summaryEn,
            String bodyVi, String bodyEn, String category, String tags, String docNumber, String docType,
            String issuer, LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place,
            List<String> sanitised) {
    }

    public StaffItem create(Caller caller, ItemInput in) {
        caller.require(WRITERS);
        if (in == null) {
            throw new InvalidInputException("A JSON item is required");
        }
        Map<String, Named> cats = Jdbc.read(ds, this::categories);
        Clean v = check(in, null, cats);
        Instant now = Instant.now();
        return Jdbc.write(ds, c -> {
            String slug = uniqueSlug(c, v.slug() != null ? v.slug() : slugOf(v.titleVi()), null, v.slug() != null);
            long id = Jdbc.insert(c, "INSERT INTO PT_ITEM (KIND, SLUG, STATUS, CATEGORY, TAGS, TITLE_VI, TITLE_EN, "
                    + "SUMMARY_VI, SUMMARY_EN, BODY_VI, BODY_EN, DOC_NUMBER, DOC_TYPE, ISSUER, ISSUED_ON, EVENT_DATE, "
                    + "PERSON, ORG_BODY, PLACE, CREATED_BY, CREATED_AT, UPDATED_BY, UPDATED_AT, VERSION) "
                    + "VALUES (?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    v.kind().name(), slug, v.category(), v.tags(), v.titleVi(), v.titleEn(), v.summaryVi(),
                    v.summaryEn(), v.bodyVi(), v.bodyEn(), v.docNumber(), v.docType(), v.issuer(),
                    v.issuedOn() == null ? Jdbc.Null.DATE : v.issuedOn(),
                    v.eventDate() == null ? Jdbc.Null.DATE : v.eventDate(), v.person(), v.orgBody(), v.place(),
                    caller.username(), now, caller.username(), now);
            Row r = load(c, id, true);
            revision(c, r, "CREATE", caller.username(), null);
            audit.record(caller.username(), "PortalItem", Long.toString(id), "CREATE", null,
                    Map.of("kind", r.kind().name(), "slug", r.slug(), "title", r.titleVi()));
            return staff(c, r, v.sanitised());
        });
    }

    public StaffItem update(Caller caller, long id, ItemInput in) {
        caller.require(WRITERS);
        if (in == null) {
            throw new InvalidInputException("A JSON item is required");
        }
        Map<String, Named> cats = Jdbc.read(ds, this::categories);
        Row before = Jdbc.read(ds, c -> load(c, id, false));
        Clean v = check(in, before.kind(), cats);
        if (in.version() == null) {
            throw InvalidInputException.field("version", "the version you edited is required (from the item you loaded)");
        }
        Row after = Jdbc.write(ds, c -> {
            Row r = load(c, id, true);
            switch (r.status()) {
                case DRAFT -> {
                }
                case IN_REVIEW, PUBLISHED -> requireReviewer(caller, "change an item that is " + r.status());
                default -> throw new ConflictException("Item " + id + " is " + r.status()
                        + " and cannot be edited; return or restore it to DRAFT first");
            }
            if (r.version() != in.version()) {
                throw new ConflictException("Item " + id + " was changed by " + r.updatedBy() + " since you loaded it "
                        + "(version " + in.version() + ", now " + r.version() + "); reload and apply your change again");
            }
            String slug = v.slug() == null || v.slug().equals(r.slug()) ? r.slug() : uniqueSlug(c, v.slug(), id, true);
            Jdbc.update(c, "UPDATE PT_ITEM SET SLUG = ?, CATEGORY = ?, TAGS = ?, TITLE_VI = ?, TITLE_EN = ?, "
                    + "SUMMARY_VI = ?, SUMMARY_EN = ?, BODY_VI = ?, BODY_EN = ?, DOC_NUMBER = ?, DOC_TYPE = ?, ISSUER = ?, "
                    + "ISSUED_ON = ?, EVENT_DATE = ?, PERSON = ?, ORG_BODY = ?, PLACE = ?, UPDATED_BY = ?, UPDATED_AT = ?, "
                    + "VERSION = VERSION + 1 WHERE ID = ?", slug, v.category(), v.tags(), v.titleVi(), v.titleEn(),
                    v.summaryVi(), v.summaryEn(), v.bodyVi(), v.bodyEn(), v.docNumber(), v.docType(), v.issuer(),
                    v.issuedOn() == null ? Jdbc.Null.DATE : v.issuedOn(),
                    v.eventDate() == null ? Jdbc.Null.DATE : v.eventDate(), v.person(), v.orgBody(), v.place(),
                    caller.username(), Instant.now(), id);
            Row a = load(c, id, true);
            revision(c, a, "EDIT", caller.username(), null);
            return a;
        });
        if (after.status() == Status.PUBLISHED) {
            index.put(entry(after));
        }
        audit.record(caller.username(), "PortalItem", Long.toString(id), "EDIT",
                Map.of("slug", before.slug(), "title", before.titleVi(), "version", before.version()),
                Map.of("slug", after.slug(), "title", after.titleVi(), "version", after.version()));
        return Jdbc.read(ds, c -> staff(c, after, v.sanitised()));
    }

    /** Runs a workflow action: submit, return, publish, archive or restore. */
    public StaffItem act(Caller caller, long id, String action, ActionInput input) {
        caller.require(WRITERS);
        String note = input == null || input.note() == null || input.note().isBlank() ? null : input.note().trim();
        if (note != null && note.length() > 1000) {
            throw InvalidInputException.field("note", "at most 1000 characters");
        }
        Instant now = Instant.now();
        Instant requestedAt = "publish".equals(action) && input != null ? instant("publishAt", input.publishAt()) : null;
        Row after = Jdbc.write(ds, c -> {
            Row r = load(c, id, true);
            Status next;
            Instant publishAt = null;
            Instant publishedAt = r.publishedAt();
            switch (action) {
                case "submit" -> {
                    expect(r, action, Status.DRAFT);
                    next = Status.IN_REVIEW;
                }
                case "return" -> {
                    requireReviewer(caller, "return an item to its editor");
                    expect(r, action, Status.IN_REVIEW, Status.SCHEDULED);
                    if (note == null) {
                        throw InvalidInputException.field("note", "say what the editor should change");
                    }
                    next = Status.DRAFT;
                }
                case "publish" -> {
                    requireReviewer(caller, "publish");
                    expect(r, action, Status.IN_REVIEW);
                    if (caller.username().equals(r.createdBy())) {
                        throw new ForbiddenException("'" + caller.username() + "' wrote this item and may not publish it "
                                + "too: another reviewer publishes it (four-eyes rule)");
                    }
                    if (requestedAt != null && requestedAt.isAfter(now)) {
                        next = Status.SCHEDULED;
                        publishAt = requestedAt;
                    } else {
                        next = Status.PUBLISHED;
                        publishedAt = now;
                    }
                }
                case "archive" -> {
                    requireReviewer(caller, "archive");
                    expect(r, action, Status.PUBLISHED);
                    next = Status.ARCHIVED;
                }
                case "restore" -> {
                    expect(r, action, Status.ARCHIVED);
                    next = Status.DRAFT;
                }
                default -> throw new NotFoundException("No action '" + action + "'");
            }
            Jdbc.update(c, "UPDATE PT_ITEM SET STATUS = ?, PUBLISH_AT = ?, PUBLISHED_AT = ?, REVIEW_NOTE = ?, "
                    + "UPDATED_BY = ?, UPDATED_AT = ?, VERSION = VERSION + 1 WHERE ID = ?", next.name(),
                    publishAt == null ? Jdbc.Null.TIMESTAMP : publishAt,
                    publishedAt == null ? Jdbc.Null.TIMESTAMP : publishedAt, note, caller.username(), now, id);
            Row a = load(c, id, true);
            revision(c, a, action.toUpperCase(Locale.ROOT), caller.username(), note);
            return a;
        });
        if (after.status() == Status.PUBLISHED) {
            index.put(entry(after));
        } else {
            index.remove(id);
        }
        audit.record(caller.username(), "PortalItem", Long.toString(id), action.toUpperCase(Locale.ROOT), null,
                note == null ? Map.of("status", after.status().name())
                        : Map.of("status", after.status().name(), "note", note));
        post(after, caller.username());
        return Jdbc.read(ds, c -> staff(c, after, List.of()));
    }

    public void delete(Caller caller, long id) {
        caller.require(WRITERS);
        Row r = Jdbc.write(ds, c -> {
            Row x = load(c, id, false);
            if (x.status() != Status.DRAFT) {
                throw new ConflictException("Only drafts can be deleted; item " + id + " is " + x.status()
                        + " (archive it instead)");
            }
            if (!caller.username().equals(x.createdBy()) && !caller.hasAnyRole(Role.REVIEWER, Role.ADMIN)) {
                throw new ForbiddenException("Only the author or a reviewer may delete a draft");
            }
            Jdbc.update(c, "DELETE FROM PT_FILE WHERE ITEM_ID = ?", id);
            Jdbc.update(c, "DELETE FROM PT_REVISION WHERE ITEM_ID = ?", id);
            Jdbc.update(c, "DELETE FROM PT_ITEM WHERE ID = ?", id);
            return x;
        });
        index.remove(id);
        audit.record(caller.username(), "PortalItem", Long.toString(id), "DELETE",
                Map.of("slug", r.slug(), "title", r.titleVi()), null);
    }

    public FileInfo addFile(Caller caller, long itemId, String name, String contentType, byte[] bytes) {
        caller.require(WRITERS);
        String type = FileType.check("file", name, contentType, bytes, FILE_MAX_BYTES, FILE_TYPES);
        return Jdbc.write(ds, c -> {
            Row r = load(c, itemId, false);
            if (r.status() == Status.ARCHIVED) {
                throw new ConflictException("Item " + itemId + " is archived; restore it before adding files");
            }
            if (r.status() != Status.DRAFT) {
                requireReviewer(caller, "add files to an item that is " + r.status());
            }
            long id = Jdbc.insert(c, "INSERT INTO PT_FILE (ITEM_ID, NAME, CONTENT_TYPE, SIZE_BYTES, CONTENT, UPLOADED_BY, "
                    + "UPLOADED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)", itemId, name, type, (long) bytes.length, bytes,
                    caller.username(), Instant.now());
            audit.record(caller.username(), "PortalFile", Long.toString(id), "UPLOAD", null,
                    Map.of("item", itemId, "name", name, "size", bytes.length));
            return new FileInfo(id, name, type, bytes.length);
        });
    }

    public void deleteFile(Caller caller, long fileId) {
        caller.require(WRITERS);
        Jdbc.write(ds, c -> {
            Object[] f = Jdbc.one(c, "SELECT F.ITEM_ID, F.NAME, I.STATUS FROM PT_FILE F JOIN PT_ITEM I ON I.ID = F.ITEM_ID "
                    + "WHERE F.ID = ?", r -> new Object[] { r.getLong(1), r.getString(2), r.getString(3) }, fileId)
                    .orElseThrow(() -> new NotFoundException("No file " + fileId));
            if (!Status.DRAFT.name().equals(f[2])) {
                requireReviewer(caller, "remove files of an item that is " + f[2]);
            }
            Jdbc.update(c, "DELETE FROM PT_FILE WHERE ID = ?", fileId);
            audit.record(caller.username(), "PortalFile", Long.toString(fileId), "DELETE",
                    Map.of("item", f[0], "name", f[1]), null);
            return null;
        });
    }

    // ------------------------------------------------------------------ helpers

    private static boolean isWriter(Caller caller) {
        return !caller.isAnonymous() && caller.hasAnyRole(Role.EDITOR, Role.REVIEWER, Role.ADMIN);
    }

    private static void requireReviewer(Caller caller, String what) {
        if (!caller.hasAnyRole(Role.REVIEWER, Role.ADMIN)) {
            throw new ForbiddenException("Only a reviewer may " + what);
        }
    }

    private static void expect(Row r, String action, Status... allowed) {
        if (!Arrays.asList(allowed).contains(r.status())) {
            throw new ConflictException("Cannot " + action + " item " + r.id() + ": it is " + r.status() + "; "
                    + action + " needs " + Arrays.toString(allowed));
        }
    }

    private void post(Row r, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put("id", r.id());
        props.put("slug", r.slug());
        props.put("kind", r.kind().name());
        props.put("actor", actor);
        events.postEvent(new Event("mekong/portal/" + r.status().name(), props));
    }

    private void revision(Connection c, Row r, String change, String author, String note) throws SQLException {
        int rev = (int) Jdbc.count(c, "SELECT COALESCE(MAX(REV), 0) FROM PT_REVISION WHERE ITEM_ID = ?", r.id()) + 1;
        Map<String, Object> snap = new LinkedHashMap<>();
        snap.put("kind", r.kind().name());
        snap.put("slug", r.slug());
        snap.put("titleVi", r.titleVi());
        snap.put("titleEn", r.titleEn());
        snap.put("summaryVi", r.summaryVi());
        snap.put("summaryEn", r.summaryEn());
        snap.put("bodyVi", r.bodyVi());
        snap.put("bodyEn", r.bodyEn());
        snap.put("category", r.category());
        snap.put("tags", r.tags());
        snap.put("docNumber", r.docNumber());
        snap.put("docType", r.docType());
        snap.put("issuer", r.issuer());
        snap.put("issuedOn", r.issuedOn() == null ? null : r.issuedOn().toString());
        snap.put("eventDate", r.eventDate() == null ? null : r.eventDate().toString());
        snap.put("person", r.person());
        snap.put("orgBody", r.orgBody());
        snap.put("place", r.place());
        snap.put("status", r.status().name());
        snap.put("version", r.version());
        String text;
        try {
            text = json.writeValueAsString(snap);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Jdbc.insert(c, "INSERT INTO PT_REVISION (ITEM_ID, REV, STATUS, CHANGE_TYPE, AUTHOR, REVISED_AT, NOTE, SNAPSHOT) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(), rev, r.status().name(), change, author, Instant.now(), note,
                text);
    }

    private Clean check(ItemInput in, Kind existing, Map<String, Named> cats) {
        List<ErrorDetail> errors = new ArrayList<>();
        Kind kind = existing;
        if (existing == null) {
            if (in.kind() == null || in.kind().isBlank()) {
                errors.add(new ErrorDetail("kind", "required: one of " + Arrays.toString(Kind.values())));
            } else {
                try {
                    kind = Kind.valueOf(in.kind().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new ErrorDetail("kind", "one of " + Arrays.toString(Kind.values())));
                }
            }
        } else if (in.kind() != null && !in.kind().isBlank() && !in.kind().trim().equalsIgnoreCase(existing.name())) {
            errors.add(new ErrorDetail("kind", "cannot change from " + existing + "; create a new item instead"));
        }
        String slug = null;
        if (in.slug() != null && !in.slug().isBlank()) {
            slug = in.slug().trim();
            if (slug.length() > 120 || !SLUG.matcher(slug).matches()) {
                errors.add(new ErrorDetail("slug", "lower-case letters, digits and single hyphens, at most 120 "
                        + "characters (e.g. ra-mat-ba-nen-tang)"));
            }
        }
        String titleVi = text(errors, "titleVi", in.titleVi(), TITLE_MAX, true);
        if (titleVi != null && titleVi.length() < 3) {
            errors.add(new ErrorDetail("titleVi", "at least 3 characters"));
        }
        String titleEn = text(errors, "titleEn", in.titleEn(), TITLE_MAX, false);
        String summaryVi = text(errors, "summaryVi", in.summaryVi(), SUMMARY_MAX, false);
        String summaryEn = text(errors, "summaryEn", in.summaryEn(), SUMMARY_MAX, false);
        List<String> sanitised = new ArrayList<>();
        String bodyVi = html(errors, sanitised, "bodyVi", in.bodyVi());
        String bodyEn = html(errors, sanitised, "bodyEn", in.bodyEn());
        if (kind == Kind.ARTICLE && bodyVi == null && !errors.stream().anyMatch(e -> "bodyVi".equals(e.field()))) {
            errors.add(new ErrorDetail("bodyVi", "an article needs its Vietnamese text"));
        }
        String category = null;
        if (in.category() != null && !in.category().isBlank()) {
            category = in.category().trim();
            if (!cats.containsKey(category)) {
                errors.add(new ErrorDetail("category", "unknown; one of " + cats.keySet()));
            }
        }
        String tags = null;
        if (in.tags() != null && !in.tags().isEmpty()) {
            Set<String> clean = new LinkedHashSet<>();
            for (String t : in.tags()) {
                String x = t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
                if (x.isEmpty()) {
                    continue;
                }
                if (x.length() > 40 || x.contains(",") || CONTROL.matcher(x).find()) {
                    errors.add(new ErrorDetail("tags", "each tag at most 40 characters, without commas: '" + t + "'"));
                } else {
                    clean.add(x);
                }
            }
            if (clean.size() > TAGS_MAX) {
                errors.add(new ErrorDetail("tags", "at most " + TAGS_MAX + " tags"));
            }
            tags = clean.isEmpty() ? null : "," + String.join(",", clean) + ",";
        }
        String docNumber = text(errors, "docNumber", in.docNumber(), 60, kind == Kind.DOCUMENT);
        String docType = null;
        if (in.docType() != null && !in.docType().isBlank()) {
            try {
                docType = DocType.valueOf(in.docType().trim().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                errors.add(new ErrorDetail("docType", "one of " + Arrays.toString(DocType.values())));
            }
        } else if (kind == Kind.DOCUMENT) {
            errors.add(new ErrorDetail("docType", "required for a document: one of " + Arrays.toString(DocType.values())));
        }
        String issuer = text(errors, "issuer", in.issuer(), 200, kind == Kind.DOCUMENT);
        LocalDate issuedOn = date(errors, "issuedOn", in.issuedOn(), kind == Kind.DOCUMENT);
        LocalDate eventDate = date(errors, "eventDate", in.eventDate(), kind == Kind.ACTIVITY);
        String person = text(errors, "person", in.person(), 200, false);
        String orgBody = text(errors, "orgBody", in.orgBody(), 200, false);
        String place = text(errors, "place", in.place(), 200, false);
        if (kind == Kind.ACTIVITY && person == null && orgBody == null) {
            errors.add(new ErrorDetail("person", "an activity needs the person or the body (orgBody) it is about"));
        }
        if (kind != null && kind != Kind.DOCUMENT) {
            docNumber = null;
            docType = null;
            issuer = null;
            issuedOn = null;
        }
        if (kind != null && kind != Kind.ACTIVITY) {
            eventDate = null;
            person = null;
            orgBody = null;
            place = null;
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The item has " + errors.size() + " problem(s)", errors);
        }
        return new Clean(kind, slug, titleVi, titleEn, summaryVi, summaryEn, bodyVi, bodyEn, category, tags, docNumber,
                docType, issuer, issuedOn, eventDate, person, orgBody, place, sanitised);
    }

    private static String text(List<ErrorDetail> errors, String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new ErrorDetail(field, "required"));
            }
            return null;
        }
        if (v.length() > max) {
            errors.add(new ErrorDetail(field, "at most " + max + " characters (" + v.length() + " given)"));
        }
        if (CONTROL.matcher(v).find()) {
            errors.add(new ErrorDetail(field, "contains control characters"));
        }
        return v;
    }

    private static String html(List<ErrorDetail> errors, List<String> sanitised, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > BODY_MAX) {
            errors.add(new ErrorDetail(field, "at most " + BODY_MAX + " characters of HTML (" + value.length()
                    + " given)"));
            return null;
        }
        String clean = Sanitiser.clean(value);
        if (Sanitiser.changed(value)) {
            sanitised.add(field);
        }
        if (clean == null || (Sanitiser.text(clean).isBlank() && !clean.contains("<img"))) {
            return null;
        }
        return clean;
    }

    private static LocalDate date(List<ErrorDetail> errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new ErrorDetail(field, "required (yyyy-mm-dd)"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new ErrorDetail(field, "a date as yyyy-mm-dd, e.g. 2025-07-02"));
            return null;
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw InvalidInputException.field(field, "a time such as 2026-12-01T08:00:00Z or 2026-12-01T15:00:00+07:00");
            }
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field(field, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A URL slug from a title: folded to ASCII, words joined by hyphens, at most 80 characters. */
    static String slugOf(String title) {
        String folded = TextFolding.fold(title == null ? "" : title).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (folded.length() > 80) {
            folded = folded.substring(0, 80).replaceAll("-[^-]*$", "");
        }
        return folded.isEmpty() ? "item" : folded;
    }

    private static String uniqueSlug(Connection c, String wanted, Long self, boolean explicit) throws SQLException {
        String slug = wanted;
        for (int n = 2;; n++) {
            Long owner = Jdbc.one(c, "SELECT ID FROM PT_ITEM WHERE SLUG = ?", r -> r.getLong(1), slug).orElse(null);
            if (owner == null || owner.equals(self)) {
                return slug;
            }
            if (explicit) {
                throw new ConflictException("The address '" + wanted + "' is already used by item " + owner,
                        List.of(new ErrorDetail("slug", "already used by item " + owner)));
            }
            slug = wanted + "-" + n;
        }
    }

    private Row load(Connection c, long id, boolean bodies) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + (bodies ? BODIES : "") + " FROM PT_ITEM WHERE ID = ?",
                r -> row(r, bodies), id).orElseThrow(() -> new NotFoundException("No portal item " + id));
    }

    private Row bySlugOrId(Connection c, String slugOrId) throws SQLException {
        if (slugOrId == null || slugOrId.isBlank() || slugOrId.length() > 120) {
            return null;
        }
        Row r = Jdbc.one(c, "SELECT " + COLUMNS + BODIES + " FROM PT_ITEM WHERE SLUG = ?", x -> row(x, true),
                slugOrId.trim()).orElse(null);
        if (r == null && slugOrId.matches("\\d{1,18}")) {
            r = Jdbc.one(c, "SELECT " + COLUMNS + BODIES + " FROM PT_ITEM WHERE ID = ?", x -> row(x, true),
                    Long.parseLong(slugOrId)).orElse(null);
        }
        return r;
    }

    static Row row(ResultSet r, boolean bodies) throws SQLException {
        java.sql.Date issued = r.getDate("ISSUED_ON");
        java.sql.Date event = r.getDate("EVENT_DATE");
        return new Row(r.getLong("ID"), Kind.valueOf(r.getString("KIND")), r.getString("SLUG"),
                Status.valueOf(r.getString("STATUS")), r.getString("CATEGORY"), splitTags(r.getString("TAGS")),
                r.getString("TITLE_VI"), r.getString("TITLE_EN"), r.getString("SUMMARY_VI"), r.getString("SUMMARY_EN"),
                r.getString("DOC_NUMBER"), r.getString("DOC_TYPE"), r.getString("ISSUER"),
                issued == null ? null : issued.toLocalDate(), event == null ? null : event.toLocalDate(),
                r.getString("PERSON"), r.getString("ORG_BODY"), r.getString("PLACE"), Jdbc.getInstant(r, "PUBLISH_AT"),
                Jdbc.getInstant(r, "PUBLISHED_AT"), r.getString("REVIEW_NOTE"), r.getString("CREATED_BY"),
                Jdbc.getInstant(r, "CREATED_AT"), r.getString("UPDATED_BY"), Jdbc.getInstant(r, "UPDATED_AT"),
                r.getLong("VERSION"), bodies ? r.getString("BODY_VI") : null, bodies ? r.getString("BODY_EN") : null);
    }

    static List<String> splitTags(String tags) {
        if (tags == null || tags.isBlank()) {
            return List.of();
        }
        return Arrays.stream(tags.split(",")).filter(t -> !t.isBlank()).toList();
    }

    Map<String, Named> categories(Connection c) throws SQLException {
        Map<String, Named> out = new LinkedHashMap<>();
        Jdbc.list(c, "SELECT CODE, NAME_VI, NAME_EN FROM PT_CATEGORY ORDER BY SORT_ORDER, CODE",
                r -> new Named(r.getString(1), r.getString(2), r.getString(3))).forEach(n -> out.put(n.code(), n));
        return out;
    }

    private static List<FileInfo> files(Connection c, long itemId) throws SQLException {
        return Jdbc.list(c, "SELECT ID, NAME, CONTENT_TYPE, SIZE_BYTES FROM PT_FILE WHERE ITEM_ID = ? ORDER BY ID",
                r -> new FileInfo(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)), itemId);
    }

    static Summary summary(Row r, Map<String, Named> cats) {
        return new Summary(r.id(), r.slug(), r.kind().name(), r.titleVi(), r.titleEn(), r.summaryVi(), r.summaryEn(),
                cats.get(r.category()), r.tags(), r.publishedAt(), r.docNumber(), r.docType(), r.issuer(), r.issuedOn(),
                r.eventDate(), r.person(), r.orgBody(), r.place());
    }

    private StaffItem staff(Connection c, Row r, List<String> sanitised) throws SQLException {
        return new StaffItem(r.id(), r.slug(), r.kind().name(), r.status().name(), r.titleVi(), r.titleEn(),
                r.summaryVi(), r.summaryEn(), categories(c).get(r.category()), r.tags(), r.docNumber(), r.docType(),
                r.issuer(), r.issuedOn(), r.eventDate(), r.person(), r.orgBody(), r.place(), r.bodyVi(), r.bodyEn(),
                files(c, r.id()), r.publishAt(), r.publishedAt(), r.reviewNote(), r.createdBy(), r.createdAt(),
                r.updatedBy(), r.updatedAt(), r.version(), sanitised);
    }

    private static PortalIndex.Entry entry(Row r) {
        String meta = String.join(" ", nz(r.docNumber()), nz(r.issuer()), nz(r.person()), nz(r.orgBody()),
                nz(r.place()), String.join(" ", r.tags()));
        return new PortalIndex.Entry(r.id(), r.kind().name(), nz(r.titleVi()) + " " + nz(r.titleEn()),
                nz(r.summaryVi()) + " " + nz(r.summaryEn()),
                Sanitiser.text(r.bodyVi()) + " " + Sanitiser.text(r.bodyEn()), meta);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The latest published items for feeds and the home page, with bodies. */
    List<Row> latest(Kind kind, int n) {
        promoteIfDue();
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + BODIES + " FROM PT_ITEM WHERE STATUS = 'PUBLISHED'"
                + (kind == null ? "" : " AND KIND = '" + kind.name() + "'")
                + " ORDER BY PUBLISHED_AT DESC, ID DESC FETCH FIRST " + Math.max(1, n) + " ROWS ONLY", r -> row(r, true)));
    }

    Map<String, Named> categories() {
        return Jdbc.read(ds, this::categories);
    }
}

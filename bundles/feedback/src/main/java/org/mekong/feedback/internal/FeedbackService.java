package org.mekong.feedback.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.feedback.internal.Views.AttachmentInfo;
import org.mekong.feedback.internal.Views.AttachmentInput;
import org.mekong.feedback.internal.Views.Duplicate;
import org.mekong.feedback.internal.Views.HistoryEntry;
import org.mekong.feedback.internal.Views.ItemSummary;
import org.mekong.feedback.internal.Views.ItemView;
import org.mekong.feedback.internal.Views.Note;
import org.mekong.feedback.internal.Views.Receipt;
import org.mekong.feedback.internal.Views.Route;
import org.mekong.feedback.internal.Views.Submission;
import org.mekong.feedback.internal.Views.UnitRef;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.feedback.internal.Vocab.Field;
import org.mekong.feedback.internal.Vocab.SenderType;
import org.mekong.feedback.internal.Vocab.Status;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback items: intake from every channel, the processing workflow, routing, merging,
 * publication and the staff and public views. Every change is one transaction, one history row,
 * one audit record and one event {@code mekong/feedback/<STATUS>}.
 */
@Component(service = FeedbackService.class, configurationPid = FeedbackConfig.PID)
@Designate(ocd = FeedbackConfig.class)
public class FeedbackService {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackService.class);
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final int TITLE_MIN = 5;
    static final int TITLE_MAX = 200;
    static final int CONTENT_MIN = 20;
    static final int CONTENT_MAX = 8000;
    static final int ATTACHMENTS_MAX = 5;
    static final long ATTACHMENT_MAX_BYTES = 5L * 1024 * 1024;
    static final java.util.Set<String> ATTACHMENT_TYPES = java.util.Set.of("pdf", "png", "jpg", "jpeg", "docx", "xlsx",
            "txt");
    private static final char[] CODE_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 .()-]{6,20}$");
    /** Bounds of a search text (as the portal's search): longer ones are refused with a 400 naming q. */
    static final int Q_MAX_CHARS = 200;
    static final int Q_MAX_WORDS = 30;
    static final String ITEM_COLUMNS = "ID, CODE, CHANNEL, SENDER_TYPE, SENDER_NAME, SENDER_EMAIL, SENDER_PHONE, "
            + "ORGANISATION, SENDER_USER, TITLE, CONTENT, PLACE, UNIT, CATEGORY, FIELD, SENDER_CATEGORY, SENDER_FIELD, "
            + "STATUS, MERGED_INTO, DEADLINE, ANSWER, ANSWERED_BY, RESOLVED_AT, PUBLISHED_AT, PUBLIC_TITLE, "
            + "PUBLIC_CONTENT, REJECT_REASON, LAT, LON, ADDRESS, RECEIVED_AT, UPDATED_AT, VERSION, PUBLIC_ID";
    /** The public id of an item: its row id, so it says nothing about the secret tracking code. */
    static final String PUBLIC_ID_SQL = "'FB-' || TRIM(CAST(ID AS CHAR(20)))";

    private final DataSource ds;
    private final OrgUnitService units;
    private final TextIndex index;
    private final EventAdmin events;
    private final AuditService audit;
    private final Map<Category, Integer> deadlineDays = new java.util.concurrent.ConcurrentHashMap<>();
    private final IntakeLimiter limiter = new IntakeLimiter();
    private final SecureRandom random = new SecureRandom();

    @Activate
    public FeedbackService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference TextIndex index, @Reference EventAdmin events,
            @Reference AuditService audit, @Reference FeedbackSchema schema, FeedbackConfig config) {
        this.ds = ds;
        this.units = units;
        this.index = index;
        this.events = events;
        this.audit = audit;
        modified(config);
        reindex();
    }

    /** Deadlines and intake limits follow configuration changes without a restart. */
    @Modified
    void modified(FeedbackConfig config) {
        deadlineDays.put(Category.DIFFICULTY, config.deadline_days_DIFFICULTY());
        deadlineDays.put(Category.POLICY_PROPOSAL, config.deadline_days_POLICY_PROPOSAL());
        deadlineDays.put(Category.INITIATIVE, config.deadline_days_INITIATIVE());
        deadlineDays.put(Category.ADMIN_PROCEDURE, config.deadline_days_ADMIN_PROCEDURE());
        deadlineDays.put(Category.OTHER, config.deadline_days_OTHER());
        limiter.configure(config.intake_rate_per_minute(), config.intake_trusted_proxies());
    }

    /** The address a request came from: the remote address, or behind a trusted proxy the forwarded one. */
    public String clientAddress(String remoteAddress, String forwardedFor) {
        return limiter.clientAddress(remoteAddress, forwardedFor);
    }

    /** Refills the text index from the database. */
    void reindex() {
        long start = System.nanoTime();
        index.clear();
        int n = Jdbc.read(ds, c -> {
            List<Row> rows = Jdbc.list(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM", FeedbackService::row);
            rows.forEach(r -> index.put(entry(r)));
            return rows.size();
        });
        LOG.info("Indexed {} feedback items in {} ms", n, (System.nanoTime() - start) / 1_000_000);
    }

    // ---------------------------------------------------------------- intake

    public Views.Options options() {
        List<Views.Option> categories = java.util.Arrays.stream(Category.values())
                .map(c -> new Views.Option(c.name(), c.nameVi, c.nameEn, deadlineDays.get(c))).toList();
        List<Views.Option> fields = java.util.Arrays.stream(Field.values())
                .map(f -> new Views.Option(f.name(), f.nameVi, f.nameEn, null)).toList();
        return new Views.Options(categories, fields, Vocab.names(SenderType.class), new Views.Limits(TITLE_MIN, TITLE_MAX,
                CONTENT_MIN, CONTENT_MAX, ATTACHMENTS_MAX, ATTACHMENT_MAX_BYTES,
                List.copyOf(FileType.extensions(ATTACHMENT_TYPES)), limiter.perMinute()));
    }

    int deadlineDays(Category c) {
        return deadlineDays.get(c);
    }

    /** Received day + the category's processing days (OTHER's while the category is not known). */
    LocalDate deadline(Instant received, Category c) {
        return received.atZone(ZONE).toLocalDate().plusDays(deadlineDays(c == null ? Category.OTHER : c));
    }

    private record File(String name, String contentType, byte[] bytes) {
    }

    /**
     * Receives one item. Everything is checked before anything is stored; anonymous callers are
     * rate limited by {@code clientAddress} (see {@link #clientAddress}), signed-in senders without
     * a staff role by their account.
     */
    public Receipt submit(Caller caller, Submission s, Channel channel, String clientAddress) {
        if (s == null) {
            throw new InvalidInputException("A feedback item is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        SenderType senderType = parse(SenderType.class, "senderType", s.senderType(), problems);
        if (senderType == null) {
            senderType = SenderType.ANONYMOUS;
        }
        String name = clean(s.senderName());
        String email = clean(s.senderEmail());
        String phone = clean(s.senderPhone());
        String organisation = clean(s.organisation());
        if (senderType != SenderType.ANONYMOUS && name == null) {
            problems.add(new ErrorDetail("senderName", "is required for a " + senderType + " sender"));
        }
        if (senderType == SenderType.ORGANISATION && organisation == null) {
            problems.add(new ErrorDetail("organisation", "is required for an ORGANISATION sender"));
        }
        length(problems, "senderName", name, 200);
        length(problems, "organisation", organisation, 300);
        if (email != null && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            problems.add(new ErrorDetail("senderEmail", "is not an e-mail address"));
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(new ErrorDetail("senderPhone", "is not a phone number (digits, spaces, + . - ( ), 6 to 20)"));
        }
        String title = text(problems, "title", s.title(), TITLE_MIN, TITLE_MAX);
        String content = text(problems, "content", s.content(), CONTENT_MIN, CONTENT_MAX);
        Category category = parse(Category.class, "category", s.category(), problems);
        Field field = parse(Field.class, "field", s.field(), problems);
        OrgUnit place = null;
        if (s.orgUnit() == null || s.orgUnit().isBlank()) {
            problems.add(new ErrorDetail("orgUnit", "is required: the commune, province or body the feedback concerns"));
        } else {
            place = units.find(s.orgUnit().trim()).orElse(null);
            if (place == null) {
                problems.add(new ErrorDetail("orgUnit", "'" + s.orgUnit() + "' is not an org unit"));
            }
        }
        if (s.lat() != null && (s.lat() < -90 || s.lat() > 90 || s.lat().isNaN())) {
            problems.add(new ErrorDetail("lat", "must be between -90 and 90"));
        }
        if (s.lon() != null && (s.lon() < -180 || s.lon() > 180 || s.lon().isNaN())) {
            problems.add(new ErrorDetail("long", "must be between -180 and 180"));
        }
        String address = clean(s.address());
        length(problems, "address", address, 500);
        List<File> files = new ArrayList<>();
        List<AttachmentInput> attachments = s.attachments() == null ? List.of() : s.attachments();
        if (attachments.size() > ATTACHMENTS_MAX) {
            problems.add(new ErrorDetail("attachments", "at most " + ATTACHMENTS_MAX + " files"));
        } else {
            for (int i = 0; i < attachments.size(); i++) {
                AttachmentInput a = attachments.get(i);
                String f = "attachments[" + i + "]";
                if (a == null || a.data() == null) {
                    problems.add(new ErrorDetail(f + ".data", "the file content (base64) is required"));
                    continue;
                }
                try {
                    byte[] bytes = Base64.getDecoder().decode(a.data().replaceAll("\\s", ""));
                    String type = FileType.check(f, a.name(), a.contentType(), bytes, ATTACHMENT_MAX_BYTES,
                            ATTACHMENT_TYPES);
                    files.add(new File(a.name(), type, bytes));
                } catch (IllegalArgumentException e) {
                    problems.add(new ErrorDetail(f + ".data", "is not base64"));
                } catch (InvalidInputException e) {
                    problems.addAll(e.details());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The feedback cannot be accepted: " + problems.stream()
                    .map(p -> p.field() + " " + p.problem()).collect(Collectors.joining("; ")), problems);
        }
        limiter.acquire(caller, clientAddress);
        Instant now = Instant.now();
        OrgUnit where = place;
        SenderType type = senderType;
        for (int attempt = 1;; attempt++) {
            String code = newCode();
            try {
                long id = Jdbc.write(ds, c -> {
                    long itemId = Jdbc.insert(c, "INSERT INTO FB_ITEM (CODE, CHANNEL, SENDER_TYPE, SENDER_NAME, "
                            + "SENDER_EMAIL, SENDER_PHONE, ORGANISATION, SENDER_USER, TITLE, CONTENT, PLACE, PLACE_PATH, "
                            + "UNIT_PATH, SENDER_CATEGORY, SENDER_FIELD, STATUS, LAT, LON, ADDRESS, RECEIVED_AT, UPDATED_AT, "
                            + "DEADLINE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", code, channel, type,
                            name, email, phone, organisation, caller.username(), title, content, where.code(),
                            where.path(), where.path(), category, field, Status.RECEIVED,
                            s.lat() == null ? Jdbc.Null.DOUBLE : s.lat(), s.lon() == null ? Jdbc.Null.DOUBLE : s.lon(),
                            address, now, now, deadline(now, category));
                    for (File f : files) {
                        Jdbc.update(c, "INSERT INTO FB_ATTACHMENT (ITEM_ID, FILE_NAME, CONTENT_TYPE, FILE_SIZE, CONTENT) "
                                + "VALUES (?, ?, ?, ?, ?)", itemId, f.name(), f.contentType(), (long) f.bytes().length,
                                f.bytes());
                    }
                    Jdbc.update(c, "UPDATE FB_ITEM SET PUBLIC_ID = " + PUBLIC_ID_SQL + " WHERE ID = ?", itemId);
                    event(c, itemId, now, caller.username(), "STATUS", Status.RECEIVED, channel.name());
                    return itemId;
                });
                index.put(new TextIndex.Entry(id, code, title, content, null, null, null, Status.RECEIVED.name(), null));
                post(Status.RECEIVED, code, where.code(), channel);
                return new Receipt(code, publicId(id), Status.RECEIVED.name(), now, "/feedback/track.html?code=" + code);
            } catch (ConflictException clash) {
                if (attempt >= 3) {
                    throw clash;
                }
            }
        }
    }

    static String publicId(long id) {
        return "FB-" + id;
    }

    String newCode() {
        StringBuilder b = new StringBuilder("PA-");
        for (int i = 0; i < 10; i++) {
            b.append(CODE_CHARS[random.nextInt(CODE_CHARS.length)]);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- public text

    /** A search text within {@link #Q_MAX_CHARS} characters and {@link #Q_MAX_WORDS} words, else a 400 naming q. */
    static String boundedQuery(String q) {
        String t = q.strip();
        if (t.length() > Q_MAX_CHARS) {
            throw InvalidInputException.field("q", "at most " + Q_MAX_CHARS + " characters (got " + t.length() + ")");
        }
        if (t.split("\\s+").length > Q_MAX_WORDS) {
            throw InvalidInputException.field("q", "at most " + Q_MAX_WORDS + " words");
        }
        return t;
    }

    /** The public title: the one stored at publication (or the sender's), masked again for rows published before. */
    static String publicTitle(Row r) {
        return Redactor.redact(r.publicTitle() != null ? r.publicTitle() : r.title(), Redactor.Sender.of(r));
    }

    static String publicContent(Row r) {
        return Redactor.redact(r.publicContent() != null ? r.publicContent() : r.content(), Redactor.Sender.of(r));
    }

    // ---------------------------------------------------------------- staff views

    private static final Role[] STAFF = { Role.MODERATOR, Role.REPORTER, Role.VERIFIER, Role.LEADER, Role.CENTRAL_IT };

    public Page<ItemSummary> list(Caller caller, List<String> statuses, String category, String field, String orgUnit,
            String responsibleUnit, String q, boolean overdueOnly, int offset, int limit) {
        caller.require(STAFF);
        Where w = new Where("1 = 1");
        if (!caller.isNational()) {
            List<String> paths = caller.orgUnits().stream().map(units::find).flatMap(Optional::stream)
                    .map(OrgUnit::path).toList();
            if (paths.isEmpty()) {
                return new Page<>(List.of(), 0, offset, limit);
            }
            w.add("(" + paths.stream().map(p -> "PLACE_PATH LIKE ? OR UNIT_PATH LIKE ?").collect(Collectors.joining(" OR "))
                    + ")", paths.stream().flatMap(p -> java.util.stream.Stream.of(p + "%", p + "%")).toArray());
        }
        List<Status> wanted = new ArrayList<>();
        for (String s : statuses == null ? List.<String>of() : statuses) {
            for (String part : s.split(",")) {
                Status st = Vocab.parse(Status.class, "status", part);
                if (st != null) {
                    wanted.add(st);
                }
            }
        }
        if (!wanted.isEmpty()) {
            w.add("STATUS IN (" + wanted.stream().map(x -> "?").collect(Collectors.joining(",")) + ")", wanted.toArray());
        }
        Category cat = Vocab.parse(Category.class, "category", category);
        if (cat != null) {
            w.add("CATEGORY = ?", cat);
        }
        Field f = Vocab.parse(Field.class, "field", field);
        if (f != null) {
            w.add("FIELD = ?", f);
        }
        if (orgUnit != null && !orgUnit.isBlank()) {
            w.add("PLACE_PATH LIKE ?", unitOrBad("orgUnit", orgUnit).path() + "%");
        }
        if (responsibleUnit != null && !responsibleUnit.isBlank()) {
            w.add("UNIT_PATH LIKE ?", unitOrBad("responsibleUnit", responsibleUnit).path() + "%");
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + boundedQuery(q).toLowerCase(java.util.Locale.ROOT) + "%";
            w.add("(LOWER(TITLE) LIKE ? OR LOWER(CONTENT) LIKE ? OR CODE = ?)", like, like, q.trim().toUpperCase(
                    java.util.Locale.ROOT));
        }
        if (overdueOnly) {
            w.add("STATUS IN ('RECEIVED','CLASSIFIED','ASSIGNED','IN_PROGRESS') AND DEADLINE < ?", today());
        }
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM FB_ITEM WHERE " + w.sql(), w.params());
            List<Row> rows = Jdbc.list(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE " + w.sql()
                    + " ORDER BY RECEIVED_AT DESC, ID DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY",
                    FeedbackService::row, w.params());
            return new Page<>(rows.stream().map(r -> new ItemSummary(r.code(), r.publicId(), r.title(), r.status().name(),
                    r.category(), r.field(), unit(r.place()), unit(r.unit()), r.receivedAt(), r.deadline(), overdue(r),
                    r.channel(), r.senderType())).toList(), total, offset, limit);
        });
    }

    private OrgUnit unitOrBad(String field, String code) {
        return units.find(code.trim()).orElseThrow(() -> InvalidInputException.field(field, "'" + code
                + "' is not an org unit"));
    }

    public ItemView item(Caller caller, String code) {
        Row r = staffRow(caller, code);
        return view(caller, r);
    }

    /** Staff open an item by its tracking code or its public id. */
    private Row staffRow(Caller caller, String code) {
        caller.require(STAFF);
        Row r = find(code).or(() -> findPublic(code))
                .orElseThrow(() -> new NotFoundException("No feedback with the code '" + code + "'"));
        if (!inScope(caller, r)) {
            throw new ForbiddenException("User '" + caller.username() + "' may not see feedback " + code
                    + ": it concerns " + r.place() + (r.unit() == null ? "" : " and is handled by " + r.unit())
                    + ", outside their units " + caller.orgUnits());
        }
        return r;
    }

    private boolean inScope(Caller caller, Row r) {
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> units.isWithin(r.place(), m)
                || (r.unit() != null && units.isWithin(r.unit(), m)));
    }

    private boolean inUnitScope(Caller caller, Row r) {
        String handled = r.unit() != null ? r.unit() : r.place();
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> units.isWithin(handled, m));
    }

    /** The staff view; its duplicates are only those the caller may open too. */
    ItemView view(Caller caller, Row r) {
        return Jdbc.read(ds, c -> {
            List<HistoryEntry> history = Jdbc.list(c, "SELECT EVENT_AT, STATUS, ACTOR, NOTE FROM FB_EVENT WHERE ITEM_ID = ? "
                    + "AND KIND = 'STATUS' ORDER BY ID", rs -> new HistoryEntry(Jdbc.getInstant(rs, "EVENT_AT"),
                            rs.getString("STATUS"), rs.getString("ACTOR"), rs.getString("NOTE")), r.id());
            List<Note> notes = Jdbc.list(c, "SELECT EVENT_AT, ACTOR, NOTE FROM FB_EVENT WHERE ITEM_ID = ? AND KIND = 'NOTE' "
                    + "ORDER BY ID", rs -> new Note(Jdbc.getInstant(rs, "EVENT_AT"), rs.getString("ACTOR"),
                            rs.getString("NOTE")), r.id());
            // linked items outside the caller's units are named by public id only, or left out
            List<String> merged = Jdbc.list(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE MERGED_INTO = ? ORDER BY ID",
                    FeedbackService::row, r.id()).stream().filter(m -> inScope(caller, m)).map(Row::code).toList();
            String mergedInto = r.mergedInto() == null ? null
                    : Jdbc.one(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE ID = ?", FeedbackService::row,
                            r.mergedInto()).map(p -> inScope(caller, p) ? p.code() : p.publicId()).orElse(null);
            List<Duplicate> duplicates = new ArrayList<>();
            if (!r.status().isClosed()) {
                for (TextIndex.Similar s : index.similar(r.title() + "\n" + r.content(), r.id(), caller.isNational() ? 5 : 50)) {
                    Jdbc.one(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE ID = ?", FeedbackService::row, s.id())
                            .filter(d -> inScope(caller, d)).filter(d -> duplicates.size() < 5)
                            .ifPresent(d -> duplicates.add(new Duplicate(d.code(), d.title(), d.status().name(),
                                    s.similarity())));
                }
            }
            Field routeField = r.field() != null ? Field.valueOf(r.field())
                    : r.senderField() != null ? Field.valueOf(r.senderField()) : null;
            return new ItemView(r.code(), r.publicId(), r.title(), r.content(), r.status().name(), r.category(), r.field(),
                    unit(r.place()), unit(r.unit()), r.receivedAt(), r.deadline(), overdue(r), r.answer(),
                    r.answeredBy(), r.resolvedAt(), r.publishedAt(), r.rejectReason(), mergedInto, merged,
                    r.senderType(), r.senderName(), r.senderEmail(), r.senderPhone(), r.organisation(), r.senderUser(),
                    r.channel(), r.senderCategory(), r.senderField(), index.suggest(r.title() + "\n" + r.content()),
                    UnitRef.of(route(c, routeField, r.place())), duplicates, notes, history, attachments(c, r.id()),
                    publicTitle(r), publicContent(r), r.lat(),
                    r.lon(), r.address(), r.version());
        });
    }

    public record FileContent(String name, String contentType, byte[] bytes) {
    }

    public FileContent attachment(Caller caller, String code, long id) {
        Row r = staffRow(caller, code);
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT FILE_NAME, CONTENT_TYPE, CONTENT FROM FB_ATTACHMENT WHERE ID = ? AND "
                + "ITEM_ID = ?", rs -> new FileContent(rs.getString(1), rs.getString(2), rs.getBytes(3)), id, r.id()))
                .orElseThrow(() -> new NotFoundException("Feedback " + code + " has no attachment " + id));
    }

    static List<AttachmentInfo> attachments(Connection c, long itemId) throws SQLException {
        return Jdbc.list(c, "SELECT ID, FILE_NAME, CONTENT_TYPE, FILE_SIZE FROM FB_ATTACHMENT WHERE ITEM_ID = ? ORDER BY ID",
                rs -> new AttachmentInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)), itemId);
    }

    // ---------------------------------------------------------------- workflow

    private static final List<Status> OPEN = List.of(Status.RECEIVED, Status.CLASSIFIED, Status.ASSIGNED,
            Status.IN_PROGRESS);

    public ItemView classify(Caller caller, String code, String category, String field) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = staffRow(caller, code);
        List<ErrorDetail> problems = new ArrayList<>();
        Category cat = parse(Category.class, "category", category, problems);
        Field f = parse(Field.class, "field", field, problems);
        if (cat == null && problems.isEmpty()) {
            problems.add(new ErrorDetail("category", "is required: one of " + Vocab.names(Category.class)));
        }
        if (f == null && problems.stream().noneMatch(p -> p.field().equals("field"))) {
            problems.add(new ErrorDetail("field", "is required: one of " + Vocab.names(Field.class)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Category and field are required", problems);
        }
        allowed(r, "classify", OPEN);
        Status next = r.status() == Status.RECEIVED ? Status.CLASSIFIED : r.status();
        return change(caller, r, next, "CATEGORY = ?, FIELD = ?, DEADLINE = ?", List.of(cat, f,
                deadline(r.receivedAt(), cat)), cat + " / " + f);
    }

    public ItemView assign(Caller caller, String code, String unitCode, String note) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = staffRow(caller, code);
        allowed(r, "assign", List.of(Status.CLASSIFIED, Status.ASSIGNED, Status.IN_PROGRESS));
        boolean reassign = r.status() != Status.CLASSIFIED;
        String n = clean(note);
        if (reassign && n == null) {
            throw InvalidInputException.field("note", "a reason is required to reassign feedback that is already "
                    + r.status());
        }
        OrgUnit target;
        if (unitCode == null || unitCode.isBlank()) {
            target = Jdbc.read(ds, c -> route(c, r.field() == null ? null : Field.valueOf(r.field()), r.place()));
        } else {
            target = unitOrBad("unit", unitCode);
        }
        if (reassign && target.code().equals(r.unit())) {
            throw new ConflictException("Feedback " + code + " is already assigned to " + target.code());
        }
        LocalDate deadline = r.deadline() != null ? r.deadline() : deadline(r.receivedAt(), Category.valueOf(r.category()));
        String text = "→ " + target.code() + (n == null ? "" : ": " + n);
        return change(caller, r, Status.ASSIGNED, "UNIT = ?, UNIT_PATH = ?, DEADLINE = ?",
                List.of(target.code(), target.path(), deadline), text);
    }

    public ItemView start(Caller caller, String code) {
        Row r = handlerRow(caller, code, Role.MODERATOR, Role.REPORTER, Role.VERIFIER, Role.LEADER, Role.CENTRAL_IT);
        allowed(r, "start", List.of(Status.ASSIGNED));
        return change(caller, r, Status.IN_PROGRESS, null, List.of(), null);
    }

    public ItemView answer(Caller caller, String code, String answer) {
        Row r = handlerRow(caller, code, Role.MODERATOR, Role.REPORTER, Role.VERIFIER, Role.LEADER, Role.CENTRAL_IT);
        String a = clean(answer);
        if (a == null || a.length() < 10 || a.length() > CONTENT_MAX) {
            throw InvalidInputException.field("answer", "an answer of 10 to " + CONTENT_MAX + " characters is required");
        }
        notTheAuthor(caller, r, "answer");
        allowed(r, "answer", List.of(Status.ASSIGNED, Status.IN_PROGRESS));
        return change(caller, r, Status.ANSWERED, "ANSWER = ?, ANSWERED_BY = ?, RESOLVED_AT = ?",
                List.of(a, caller.username(), Instant.now()), null);
    }

    public ItemView publish(Caller caller, String code, String publicTitle, String publicContent) {
        caller.require(Role.MODERATOR, Role.LEADER, Role.CENTRAL_IT);
        Row r = handlerRow(caller, code, Role.MODERATOR, Role.LEADER, Role.CENTRAL_IT);
        notTheAuthor(caller, r, "publish");
        List<ErrorDetail> problems = new ArrayList<>();
        String t = publicTitle == null ? r.title() : text(problems, "title", publicTitle, TITLE_MIN, TITLE_MAX);
        String content = publicContent == null ? r.content()
                : text(problems, "content", publicContent, CONTENT_MIN, CONTENT_MAX);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The public version is not valid", problems);
        }
        // whoever wrote the public version, it is masked before it goes out
        t = fit(Redactor.redact(t, Redactor.Sender.of(r)), TITLE_MAX);
        content = fit(Redactor.redact(content, Redactor.Sender.of(r)), CONTENT_MAX);
        allowed(r, "publish", List.of(Status.ANSWERED));
        return change(caller, r, Status.PUBLISHED, "PUBLISHED_AT = ?, PUBLIC_TITLE = ?, PUBLIC_CONTENT = ?",
                List.of(Instant.now(), t, content), null);
    }

    public ItemView reject(Caller caller, String code, String reason) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = staffRow(caller, code);
        String why = clean(reason);
        if (why == null || why.length() < 5 || why.length() > 2000) {
            throw InvalidInputException.field("reason", "a reason of 5 to 2000 characters is required; the sender sees it");
        }
        allowed(r, "reject", OPEN);
        return change(caller, r, Status.REJECTED, "REJECT_REASON = ?", List.of(why), why);
    }

    public ItemView merge(Caller caller, String code, String into) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = staffRow(caller, code);
        if (into == null || into.isBlank()) {
            throw InvalidInputException.field("into", "the tracking code of the primary item is required");
        }
        Row primary = staffRow(caller, into.trim());
        if (primary.id() == r.id()) {
            throw InvalidInputException.field("into", "an item cannot be merged into itself");
        }
        if (primary.status() == Status.MERGED || primary.status() == Status.REJECTED) {
            throw new ConflictException("Feedback " + primary.code() + " is " + primary.status()
                    + " and cannot be a primary item");
        }
        allowed(r, "merge", OPEN);
        ItemView out = change(caller, r, Status.MERGED, "MERGED_INTO = ?", List.of(primary.id()), "→ " + primary.code());
        // items merged into this one now follow the new primary
        Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE FB_ITEM SET MERGED_INTO = ? WHERE MERGED_INTO = ?", primary.id(),
                r.id()));
        return out;
    }

    public ItemView note(Caller caller, String code, String text) {
        Row r = handlerRowAnyStatus(caller, code);
        String t = clean(text);
        if (t == null || t.length() > 4000) {
            throw InvalidInputException.field("text", "a note of 1 to 4000 characters is required");
        }
        Jdbc.write(ds, c -> {
            event(c, r.id(), Instant.now(), caller.username(), "NOTE", null, t);
            return null;
        });
        return view(caller, find(r.code()).orElseThrow());
    }

    private Row handlerRow(Caller caller, String code, Role... roles) {
        caller.require(roles);
        Row r = staffRow(caller, code);
        if (!caller.hasAnyRole(Role.MODERATOR) && !inUnitScope(caller, r)) {
            throw new ForbiddenException("User '" + caller.username() + "' may not process feedback " + code
                    + ": it is handled by " + (r.unit() == null ? r.place() : r.unit()) + ", outside their units "
                    + caller.orgUnits());
        }
        return r;
    }

    private Row handlerRowAnyStatus(Caller caller, String code) {
        return handlerRow(caller, code, STAFF);
    }

    /** The text cut to {@code max} characters (masks can make a text longer than its column). */
    private static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Four eyes: the account that submitted an item may not answer or publish it. */
    private static void notTheAuthor(Caller caller, Row r, String action) {
        if (r.senderUser() != null && r.senderUser().equals(caller.username())) {
            throw new ForbiddenException("User '" + caller.username() + "' submitted feedback " + r.code()
                    + " and may not " + action + " it: another account must (four eyes)");
        }
    }

    private static void allowed(Row r, String action, List<Status> from) {
        if (!from.contains(r.status())) {
            throw new ConflictException("Cannot " + action + " feedback " + r.code() + " while it is " + r.status()
                    + "; allowed from " + from);
        }
    }

    /** Moves an item to {@code next} with the extra column updates, guarded by its version. */
    private ItemView change(Caller caller, Row r, Status next, String set, List<Object> values, String note) {
        Instant now = Instant.now();
        List<Object> params = new ArrayList<>();
        params.add(next);
        params.add(now);
        params.addAll(values);
        params.add(r.id());
        params.add(r.version());
        Jdbc.write(ds, c -> {
            int n = Jdbc.update(c, "UPDATE FB_ITEM SET STATUS = ?, UPDATED_AT = ?, VERSION = VERSION + 1"
                    + (set == null ? "" : ", " + set) + " WHERE ID = ? AND VERSION = ?", params.toArray());
            if (n == 0) {
                throw new ConflictException("Feedback " + r.code() + " was changed meanwhile; reload it and try again");
            }
            event(c, r.id(), now, caller.username(), "STATUS", next, note);
            return null;
        });
        Row after = find(r.code()).orElseThrow();
        index.put(entry(after));
        audit.record(caller.username(), "Feedback", r.code(), next.name(), Map.of("status", r.status().name()),
                Map.of("status", next.name(), "note", note == null ? "" : note));
        post(next, r.code(), after.unit() != null ? after.unit() : after.place(), null);
        return view(caller, after);
    }

    private static void event(Connection c, long itemId, Instant at, String actor, String kind, Status status, String note)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO FB_EVENT (ITEM_ID, EVENT_AT, ACTOR, KIND, STATUS, NOTE) VALUES (?, ?, ?, ?, ?, ?)",
                itemId, at, actor, kind, status, note);
    }

    private void post(Status status, String code, String unit, Channel channel) {
        Map<String, Object> props = new HashMap<>();
        props.put("code", code);
        props.put("orgUnit", unit);
        if (channel != null) {
            props.put("channel", channel.name());
        }
        events.postEvent(new Event("mekong/feedback/" + status.name(), props));
    }

    // ---------------------------------------------------------------- routing

    public List<Route> routes(Caller caller) {
        caller.require(STAFF);
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT FIELD, PLACE, UNIT FROM FB_ROUTE ORDER BY ID",
                rs -> new Route(rs.getString(1), rs.getString(2), rs.getString(3))));
    }

    public List<Route> replaceRoutes(Caller caller, List<Route> routes) {
        caller.require(Role.CENTRAL_IT);
        List<ErrorDetail> problems = new ArrayList<>();
        List<Route> clean = new ArrayList<>();
        List<Route> list = routes == null ? List.of() : routes;
        for (int i = 0; i < list.size(); i++) {
            Route r = list.get(i);
            String p = "[" + i + "]";
            if (r == null) {
                problems.add(new ErrorDetail(p, "is empty"));
                continue;
            }
            Field f = parse(Field.class, p + ".field", r.field(), problems);
            String place = clean(r.place());
            if (place != null && units.find(place).isEmpty()) {
                problems.add(new ErrorDetail(p + ".place", "'" + place + "' is not an org unit"));
            }
            String unit = clean(r.unit());
            if (unit != null && units.find(unit).isEmpty()) {
                problems.add(new ErrorDetail(p + ".unit", "'" + unit + "' is not an org unit"));
            }
            clean.add(new Route(f == null ? null : f.name(), place, unit));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The routing rules are not valid; nothing was changed", problems);
        }
        Jdbc.write(ds, c -> {
            Jdbc.update(c, "DELETE FROM FB_ROUTE");
            for (Route r : clean) {
                Jdbc.update(c, "INSERT INTO FB_ROUTE (FIELD, PLACE, UNIT) VALUES (?, ?, ?)", r.field(), r.place(), r.unit());
            }
            return null;
        });
        audit.record(caller.username(), "FeedbackRoutes", "all", "REPLACE", null, clean);
        return clean;
    }

    /**
     * The responsible unit by the routing rules: the matching rule with the deepest place wins, a
     * field match beats an empty field; a rule without unit, or no matching rule, leaves the item
     * with its place.
     */
    OrgUnit route(Connection c, Field field, String placeCode) throws SQLException {
        OrgUnit place = units.get(placeCode);
        List<Route> rules = Jdbc.list(c, "SELECT FIELD, PLACE, UNIT FROM FB_ROUTE", rs -> new Route(rs.getString(1),
                rs.getString(2), rs.getString(3)));
        Route best = null;
        int bestScore = -1;
        for (Route r : rules) {
            if (r.field() != null && (field == null || !r.field().equals(field.name()))) {
                continue;
            }
            int depth;
            if (r.place() == null) {
                depth = 0;
            } else if (place.path().contains("/" + r.place() + "/")) {
                depth = place.path().indexOf("/" + r.place() + "/") + 1;
            } else {
                continue;
            }
            int score = depth * 2 + (r.field() != null ? 1 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = r;
            }
        }
        if (best != null && best.unit() != null) {
            Optional<OrgUnit> u = units.find(best.unit());
            if (u.isPresent()) {
                return u.get();
            }
        }
        return place;
    }

    // ---------------------------------------------------------------- rows and helpers

    /** One FB_ITEM row. */
    public record Row(long id, String code, String channel, String senderType, String senderName, String senderEmail,
            String senderPhone, String organisation, String senderUser, String title, String content, String place,
            String unit, String category, String field, String senderCategory, String senderField, Status status,
            Long mergedInto, LocalDate deadline, String answer, String answeredBy, Instant resolvedAt,
            Instant publishedAt, String publicTitle, String publicContent, String rejectReason, Double lat, Double lon,
            String address, Instant receivedAt, Instant updatedAt, long version, String publicId) {
    }

    static Row row(ResultSet rs) throws SQLException {
        long merged = rs.getLong("MERGED_INTO");
        Long mergedInto = rs.wasNull() ? null : merged;
        java.sql.Date d = rs.getDate("DEADLINE");
        return new Row(rs.getLong("ID"), rs.getString("CODE"), rs.getString("CHANNEL"), rs.getString("SENDER_TYPE"),
                rs.getString("SENDER_NAME"), rs.getString("SENDER_EMAIL"), rs.getString("SENDER_PHONE"),
                rs.getString("ORGANISATION"), rs.getString("SENDER_USER"), rs.getString("TITLE"), rs.getString("CONTENT"),
                rs.getString("PLACE"), rs.getString("UNIT"), rs.getString("CATEGORY"), rs.getString("FIELD"),
                rs.getString("SENDER_CATEGORY"), rs.getString("SENDER_FIELD"), Status.valueOf(rs.getString("STATUS")),
                mergedInto, d == null ? null : d.toLocalDate(), rs.getString("ANSWER"), rs.getString("ANSWERED_BY"),
                Jdbc.getInstant(rs, "RESOLVED_AT"), Jdbc.getInstant(rs, "PUBLISHED_AT"), rs.getString("PUBLIC_TITLE"),
                rs.getString("PUBLIC_CONTENT"), rs.getString("REJECT_REASON"), Jdbc.getDouble(rs, "LAT"),
                Jdbc.getDouble(rs, "LON"), rs.getString("ADDRESS"), Jdbc.getInstant(rs, "RECEIVED_AT"),
                Jdbc.getInstant(rs, "UPDATED_AT"), rs.getLong("VERSION"), rs.getString("PUBLIC_ID"));
    }

    /** The index entry; a published item is searched by its public (masked) text only. */
    static TextIndex.Entry entry(Row r) {
        return new TextIndex.Entry(r.id(), r.code(), r.title(), r.content(), r.answer(), r.category(), r.field(),
                r.status().name(), r.status() == Status.PUBLISHED ? publicTitle(r) + "\n" + publicContent(r) : null);
    }

    /** An item by its public id ({@code FB-…}). */
    public Optional<Row> findPublic(String publicId) {
        if (publicId == null || publicId.isBlank() || publicId.length() > 20) {
            return Optional.empty();
        }
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE PUBLIC_ID = ?",
                FeedbackService::row, publicId.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    /** An item by its secret tracking code. */
    public Optional<Row> find(String code) {
        if (code == null || code.isBlank() || code.length() > 16) {
            return Optional.empty();
        }
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE CODE = ?",
                FeedbackService::row, code.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    static boolean overdue(Row r) {
        return !r.status().isClosed() && r.deadline() != null && r.deadline().isBefore(today());
    }

    private final Map<String, UnitRef> unitNames = new java.util.concurrent.ConcurrentHashMap<>();

    UnitRef unit(String code) {
        if (code == null) {
            return null;
        }
        return unitNames.computeIfAbsent(code, k -> units.find(k).map(UnitRef::of).orElse(new UnitRef(k, k, k)));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<ErrorDetail> problems) {
        try {
            return Vocab.parse(type, field, value);
        } catch (InvalidInputException e) {
            problems.addAll(e.details());
            return null;
        }
    }

    /** Trimmed text or null when blank. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static void length(List<ErrorDetail> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new ErrorDetail(field, "is longer than " + max + " characters"));
        }
    }

    /** Required text between min and max characters, without control characters other than line breaks and tabs. */
    private static String text(List<ErrorDetail> problems, String field, String value, int min, int max) {
        String t = clean(value);
        if (t == null) {
            problems.add(new ErrorDetail(field, "is required"));
            return null;
        }
        if (t.codePointCount(0, t.length()) < min) {
            problems.add(new ErrorDetail(field, "is too short: at least " + min + " characters"));
        } else if (t.length() > max) {
            problems.add(new ErrorDetail(field, "is too long: at most " + max + " characters (got " + t.length() + ")"));
        } else if (t.chars().anyMatch(ch -> ch < 32 && ch != '\n' && ch != '\r' && ch != '\t')) {
            problems.add(new ErrorDetail(field, "contains control characters"));
        }
        return t;
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

    /** Counts by status, for the shell's status command and the tests. */
    public Map<String, Long> countsByStatus() {
        return Jdbc.read(ds, c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (Status s : Status.values()) {
                out.put(s.name(), 0L);
            }
            Jdbc.list(c, "SELECT STATUS, COUNT(*) FROM FB_ITEM GROUP BY STATUS", rs -> out.put(rs.getString(1),
                    rs.getLong(2)));
            return out;
        });
    }

    DataSource dataSource() {
        return ds;
    }
}

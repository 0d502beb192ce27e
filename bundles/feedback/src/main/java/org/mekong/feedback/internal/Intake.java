package org.mekong.feedback.internal;

import static org.mekong.feedback.internal.Inputs.clean;
import static org.mekong.feedback.internal.Inputs.length;
import static org.mekong.feedback.internal.Inputs.parse;
import static org.mekong.feedback.internal.Inputs.text;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.FileType;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Views.AttachmentInput;
import org.mekong.feedback.internal.Views.Receipt;
import org.mekong.feedback.internal.Views.Submission;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.feedback.internal.Vocab.Field;
import org.mekong.feedback.internal.Vocab.SenderType;
import org.mekong.feedback.internal.Vocab.Status;

/** Intake from every channel: checks a submission, stores it with its tracking code, public id and deadline. */
final class Intake {
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

    private final DataSource ds;
    private final OrgUnitService units;
    private final TextIndex index;
    private final StatusEvents events;
    private final Deadlines deadlines;
    private final IntakeLimiter limiter = new IntakeLimiter();
    private final SecureRandom random = new SecureRandom();

    Intake(DataSource ds, OrgUnitService units, TextIndex index, StatusEvents events, Deadlines deadlines) {
        this.ds = ds;
        this.units = units;
        this.index = index;
        this.events = events;
        this.deadlines = deadlines;
    }

    /** Intake limits follow configuration changes without a restart. */
    void configure(FeedbackConfig config) {
        limiter.configure(config.intake_rate_per_minute(), config.intake_trusted_proxies());
    }

    /** The address a request came from: the remote address, or behind a trusted proxy the forwarded one. */
    String clientAddress(String remoteAddress, String forwardedFor) {
        return limiter.clientAddress(remoteAddress, forwardedFor);
    }

    Views.Options options() {
        List<Views.Option> categories = java.util.Arrays.stream(Category.values())
                .map(c -> new Views.Option(c.name(), c.nameVi, c.nameEn, deadlines.days(c))).toList();
        List<Views.Option> fields = java.util.Arrays.stream(Field.values())
                .map(f -> new Views.Option(f.name(), f.nameVi, f.nameEn, null)).toList();
        return new Views.Options(categories, fields, Vocab.names(SenderType.class), new Views.Limits(TITLE_MIN, TITLE_MAX,
                CONTENT_MIN, CONTENT_MAX, ATTACHMENTS_MAX, ATTACHMENT_MAX_BYTES,
                List.copyOf(FileType.extensions(ATTACHMENT_TYPES)), limiter.perMinute()));
    }

    private record File(String name, String contentType, byte[] bytes) {
    }

    /**
     * Receives one item. Everything is checked before anything is stored; anonymous callers are
     * rate limited by {@code clientAddress} (see {@link #clientAddress}), signed-in senders without
     * a staff role by their account.
     */
    Receipt submit(Caller caller, Submission s, Channel channel, String clientAddress) {
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
                            address, now, now, deadlines.deadline(now, category));
                    for (File f : files) {
                        Jdbc.update(c, "INSERT INTO FB_ATTACHMENT (ITEM_ID, FILE_NAME, CONTENT_TYPE, FILE_SIZE, CONTENT) "
                                + "VALUES (?, ?, ?, ?, ?)", itemId, f.name(), f.contentType(), (long) f.bytes().length,
                                f.bytes());
                    }
                    Jdbc.update(c, "UPDATE FB_ITEM SET PUBLIC_ID = " + ItemRepository.PUBLIC_ID_SQL + " WHERE ID = ?", itemId);
                    ItemRepository.event(c, itemId, now, caller.username(), "STATUS", Status.RECEIVED, channel.name());
                    return itemId;
                });
                index.put(new TextIndex.Entry(id, code, title, content, null, null, null, Status.RECEIVED.name(), null));
                events.post(Status.RECEIVED, code, where.code(), channel);
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
}

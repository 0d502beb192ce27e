package org.mekong.feedback.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import javax.ws.rs.core.MultivaluedMap;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Views.TrackView;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Status;
import org.mekong.web.api.PublicAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Open311 GeoReport v2 vocabulary over feedback: services are categories, requests are
 * items under their public id (never the secret tracking code), status open or closed. Public
 * answers carry nothing a sender wrote before publication: a published item shows its public
 * (masked) text and answer, any other item only id, status, service and date.
 */
@Component(service = Open311.class)
public class Open311 {
    static final String ORG_UNIT = "org_unit";
    static final int MEDIA_URL_MAX = 1000;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final DataSource ds;
    private final FeedbackService feedback;
    private final OrgUnitService units;
    private final PublicAddress address;

    @Activate
    public Open311(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference FeedbackService feedback, @Reference OrgUnitService units, @Reference PublicAddress address) {
        this.ds = ds;
        this.feedback = feedback;
        this.units = units;
        this.address = address;
    }

    /**
     * Where links point: the server's configured {@code public.url} (pid org.mekong.web.security);
     * only when it is not set, the request's own scheme, host and port, whose Host the server checked.
     */
    public String publicBase(String requestOrigin) {
        return address.base(requestOrigin);
    }

    public List<Map<String, Object>> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Category c : Category.values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", c.name());
            s.put("service_name", c.nameVi + " / " + c.nameEn);
            s.put("description", "Phản ánh, kiến nghị: " + c.nameVi + ". Feedback: " + c.nameEn
                    + ". Processing days: " + feedback.deadlineDays(c) + ".");
            s.put("metadata", true);
            s.put("type", "realtime");
            s.put("keywords", "resolution-57, feedback, " + c.name().toLowerCase(java.util.Locale.ROOT));
            s.put("group", "Phản ánh, kiến nghị / Feedback");
            out.add(s);
        }
        return out;
    }

    public Map<String, Object> definition(String code) {
        Category c;
        try {
            c = Category.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No service '" + code + "'; the services are " + Vocab.names(Category.class));
        }
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("variable", true);
        attribute.put("code", ORG_UNIT);
        attribute.put("datatype", "string");
        attribute.put("required", true);
        attribute.put("datatype_description", "Mã đơn vị hành chính (xã, tỉnh) / org unit code, e.g. HUE-QUANG-DIEN "
                + "(list: /api/orgunits)");
        attribute.put("order", 1);
        attribute.put("description", "Nơi phản ánh / the commune, province or body the request concerns");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service_code", c.name());
        out.put("attributes", List.of(attribute));
        return out;
    }

    /** A feedback submission from an Open311 create-request form. */
    public Views.Submission submission(MultivaluedMap<String, String> form) {
        String serviceCode = first(form, "service_code");
        if (serviceCode == null) {
            throw InvalidInputException.field("service_code", "is required; see services.json");
        }
        Category category = Vocab.parse(Category.class, "service_code", serviceCode);
        String description = first(form, "description");
        String place = first(form, "attribute[" + ORG_UNIT + "]");
        if (place == null) {
            String jurisdiction = first(form, "jurisdiction_id");
            place = jurisdiction != null && units.find(jurisdiction).isPresent() ? jurisdiction : null;
        }
        if (place == null) {
            throw InvalidInputException.field("attribute[" + ORG_UNIT + "]", "is required: the org unit code of the "
                    + "commune or province the request concerns");
        }
        String name = String.join(" ", java.util.stream.Stream.of(first(form, "first_name"), first(form, "last_name"))
                .filter(java.util.Objects::nonNull).toList());
        String title = description == null ? null : title(description);
        return new Views.Submission(name.isBlank() ? "ANONYMOUS" : "PERSON", name.isBlank() ? null : name,
                first(form, "email"), first(form, "phone"), null, title, description, place, category.name(), null,
                List.of(), number(form, "lat"), number(form, "long"), first(form, "address_string"));
    }

    /**
     * The form's {@code media_url}, checked before anything is stored: an absolute http(s) URL with
     * a host, at most {@value #MEDIA_URL_MAX} characters; null when not given.
     */
    public String mediaUrl(MultivaluedMap<String, String> form) {
        String url = first(form, "media_url");
        if (url == null) {
            return null;
        }
        boolean ok = url.length() <= MEDIA_URL_MAX && !url.chars().anyMatch(Character::isWhitespace);
        if (ok) {
            try {
                java.net.URI uri = new java.net.URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getUserInfo() == null;
            } catch (java.net.URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw InvalidInputException.field("media_url", "phải là địa chỉ http(s), tối đa " + MEDIA_URL_MAX
                    + " ký tự / must be an http(s) URL of at most " + MEDIA_URL_MAX + " characters");
        }
        return url;
    }

    /** Keeps a request's media_url (checked by {@link #mediaUrl}); shown publicly once the item is published. */
    public void attachMedia(String publicId, String url) {
        if (url != null) {
            Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE FB_ITEM SET MEDIA_URL = ? WHERE PUBLIC_ID = ?", url, publicId));
        }
    }

    private static String title(String description) {
        String line = description.strip().split("\\R", 2)[0];
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }

    private static String first(MultivaluedMap<String, String> form, String key) {
        String v = form == null ? null : form.getFirst(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Double number(MultivaluedMap<String, String> form, String key) {
        String v = first(form, key);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw InvalidInputException.field(key, "'" + v + "' is not a number");
        }
    }

    /**
     * One request as the holder of its tracking code sees it: the sender's status view (status,
     * dates, the answer or reason once there) under the public id; never the text.
     */
    public Map<String, Object> request(TrackView t) {
        Map<String, Object> r = statusOnly(t.publicId(), Status.valueOf(t.status()), t.category(), t.receivedAt());
        r.put("updated_datetime", iso(t.history().isEmpty() ? t.receivedAt() : t.history().get(t.history().size() - 1).at()));
        r.put("expected_datetime", expected(t.deadline()));
        r.put("status_notes", t.rejectReason() != null ? t.rejectReason() : t.answer());
        return r;
    }

    /** GeoReport's minimum: id, status, service and when it was requested; nothing a sender wrote. */
    private static Map<String, Object> statusOnly(String publicId, Status status, String category, Instant requested) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", publicId);
        r.put("status", status.isClosed() ? "closed" : "open");
        Category c = category == null ? Category.OTHER : Category.valueOf(category);
        r.put("service_code", c.name());
        r.put("service_name", c.nameVi + " / " + c.nameEn);
        r.put("requested_datetime", iso(requested));
        return r;
    }

    private static String expected(java.time.LocalDate deadline) {
        return deadline == null ? null
                : iso(deadline.plusDays(1).atStartOfDay(FeedbackService.ZONE).toInstant().minusSeconds(1));
    }

    private static final String SELECT = "SELECT I." + FeedbackService.ITEM_COLUMNS.replace(", ", ", I.")
            + ", COALESCE(P.STATUS, I.STATUS) AS EFFECTIVE, I.MEDIA_URL FROM FB_ITEM I LEFT JOIN FB_ITEM P ON P.ID = I.MERGED_INTO ";

    /**
     * One public entry: a published item with its public (masked) text and the answer, any other
     * item as status only.
     */
    private Map<String, Object> publicEntry(java.sql.ResultSet rs) throws java.sql.SQLException {
        FeedbackService.Row row = FeedbackService.row(rs);
        Status effective = Status.valueOf(rs.getString("EFFECTIVE"));
        String category = row.category() != null ? row.category() : row.senderCategory();
        Map<String, Object> r = statusOnly(row.publicId(), effective, category, row.receivedAt());
        if (row.status() == Status.PUBLISHED) {
            r.put("description", FeedbackService.publicContent(row));
            r.put("status_notes", row.answer());
            r.put("agency_responsible", feedback.unit(row.unit() != null ? row.unit() : row.place()).nameVi());
            r.put("updated_datetime", iso(row.updatedAt()));
            r.put("address", publicAddress(row));
            r.put("lat", row.lat());
            r.put("long", row.lon());
            r.put("media_url", rs.getString("MEDIA_URL"));
        }
        return r;
    }

    /**
     * Where the request is, as the sender gave it, masked like the public text: the sender's name,
     * e-mail, phone and organisation and the house-number, phone and ID patterns; the rest (street,
     * commune) is the place of the request, as GeoReport's {@code address} means it.
     */
    private static String publicAddress(FeedbackService.Row row) {
        if (row.address() == null) {
            return null;
        }
        Redactor.Sender s = Redactor.Sender.of(row);
        return Redactor.redact(row.address(), new Redactor.Sender(s.name(), s.email(), s.phone(), s.organisation(), null,
                s.person()));
    }

    /** One request by its public id, as the public may see it. */
    public Map<String, Object> publicRequest(String publicId) {
        String id = publicId == null ? "" : publicId.trim().toUpperCase(java.util.Locale.ROOT);
        return Jdbc.read(ds, c -> Jdbc.one(c, SELECT + "WHERE I.PUBLIC_ID = ?", this::publicEntry, id))
                .orElseThrow(() -> new NotFoundException("No service request '" + publicId + "'"));
    }

    /** Requests received in [from, to], newest first, at most 1000: public ids, public text only when published. */
    public List<Map<String, Object>> list(java.util.Set<Category> categories, Instant from, Instant to, String status) {
        StringBuilder sql = new StringBuilder(SELECT + "WHERE I.RECEIVED_AT >= ? AND I.RECEIVED_AT < ?");
        List<Object> params = new ArrayList<>(List.of(from, to));
        if (!categories.isEmpty()) {
            sql.append(" AND COALESCE(I.CATEGORY, I.SENDER_CATEGORY, 'OTHER') IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(categories.size(), "?"))).append(')');
            categories.forEach(c -> params.add(c.name()));
        }
        sql.append(" ORDER BY I.RECEIVED_AT DESC FETCH FIRST 1000 ROWS ONLY");
        return Jdbc.read(ds, c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            Jdbc.list(c, sql.toString(), rs -> {
                Status effective = Status.valueOf(rs.getString("EFFECTIVE"));
                if (status == null || status.equals("closed") == effective.isClosed()) {
                    out.add(publicEntry(rs));
                }
                return null;
            }, params.toArray());
            return out;
        });
    }

    static String iso(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).atZone(FeedbackService.ZONE)
                .toOffsetDateTime().format(ISO);
    }
}

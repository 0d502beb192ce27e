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
import org.mekong.feedback.internal.Views.TrackView;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Status;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Open311 GeoReport v2 vocabulary over feedback: services are categories, requests are
 * items (id = tracking code), status open or closed. Public lists carry no personal data:
 * description and location only for published items, in their public version.
 */
@Component(service = Open311.class)
public class Open311 {
    static final String ORG_UNIT = "org_unit";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final DataSource ds;
    private final FeedbackService feedback;
    private final OrgUnitService units;

    @Activate
    public Open311(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference FeedbackService feedback, @Reference OrgUnitService units) {
        this.ds = ds;
        this.feedback = feedback;
        this.units = units;
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

    /** One request as its tracking-code holder sees it. */
    public Map<String, Object> request(TrackView t) {
        Map<String, Object> r = base(t.code(), Status.valueOf(t.status()), t.category(), t.receivedAt(),
                t.history().isEmpty() ? t.receivedAt() : t.history().get(t.history().size() - 1).at(), t.deadline(),
                t.responsibleUnit() != null ? t.responsibleUnit().nameVi() : t.orgUnit().nameVi());
        r.put("status_notes", t.rejectReason() != null ? t.rejectReason() : t.answer());
        r.put("description", t.content());
        return r;
    }

    private Map<String, Object> base(String code, Status status, String category, Instant requested, Instant updated,
            java.time.LocalDate deadline, String agency) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", code);
        r.put("status", status.isClosed() ? "closed" : "open");
        r.put("status_notes", null);
        Category c = category == null ? Category.OTHER : Category.valueOf(category);
        r.put("service_name", c.nameVi + " / " + c.nameEn);
        r.put("service_code", c.name());
        r.put("description", null);
        r.put("agency_responsible", agency);
        r.put("service_notice", null);
        r.put("requested_datetime", iso(requested));
        r.put("updated_datetime", iso(updated));
        r.put("expected_datetime", deadline == null ? null
                : iso(deadline.plusDays(1).atStartOfDay(FeedbackService.ZONE).toInstant().minusSeconds(1)));
        r.put("address", null);
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", null);
        r.put("long", null);
        r.put("media_url", null);
        return r;
    }

    /** Requests received in [from, to], newest first, at most 1000; personal data never, description only when published. */
    public List<Map<String, Object>> list(Category category, Instant from, Instant to, String status) {
        StringBuilder sql = new StringBuilder("SELECT I.CODE, I.STATUS, COALESCE(P.STATUS, I.STATUS) AS EFFECTIVE, "
                + "COALESCE(I.CATEGORY, I.SENDER_CATEGORY) AS CAT, I.RECEIVED_AT, I.UPDATED_AT, I.DEADLINE, "
                + "COALESCE(I.UNIT, I.PLACE) AS AGENCY, I.PUBLIC_CONTENT, I.CONTENT, I.SENDER_NAME, I.ANSWER, "
                + "I.REJECT_REASON FROM FB_ITEM I LEFT JOIN FB_ITEM P ON P.ID = I.MERGED_INTO "
                + "WHERE I.RECEIVED_AT >= ? AND I.RECEIVED_AT < ?");
        List<Object> params = new ArrayList<>(List.of(from, to));
        if (category != null) {
            sql.append(" AND COALESCE(I.CATEGORY, I.SENDER_CATEGORY, 'OTHER') = ?");
            params.add(category.name());
        }
        sql.append(" ORDER BY I.RECEIVED_AT DESC FETCH FIRST 1000 ROWS ONLY");
        return Jdbc.read(ds, c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            Jdbc.list(c, sql.toString(), rs -> {
                Status effective = Status.valueOf(rs.getString("EFFECTIVE"));
                if (status != null && (status.equals("closed") != effective.isClosed())) {
                    return null;
                }
                java.sql.Date d = rs.getDate("DEADLINE");
                Map<String, Object> r = base(rs.getString("CODE"), effective, rs.getString("CAT"),
                        Jdbc.getInstant(rs, "RECEIVED_AT"), Jdbc.getInstant(rs, "UPDATED_AT"),
                        d == null ? null : d.toLocalDate(), feedback.unit(rs.getString("AGENCY")).nameVi());
                if (Status.valueOf(rs.getString("STATUS")) == Status.PUBLISHED) {
                    String content = rs.getString("PUBLIC_CONTENT");
                    r.put("description", content != null ? content
                            : FeedbackService.redact(rs.getString("CONTENT"), rs.getString("SENDER_NAME")));
                    r.put("status_notes", rs.getString("ANSWER"));
                } else if (effective == Status.REJECTED) {
                    r.put("status_notes", rs.getString("REJECT_REASON"));
                }
                out.add(r);
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

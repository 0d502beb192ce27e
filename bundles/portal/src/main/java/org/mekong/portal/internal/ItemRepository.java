package org.mekong.portal.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.Views.FileInfo;
import org.mekong.portal.internal.Vocab.Kind;
import org.mekong.portal.internal.Vocab.Named;
import org.mekong.portal.internal.Vocab.Status;

/** Reads portal items, categories and file lists from PT_ITEM, PT_CATEGORY and PT_FILE and maps rows. */
final class ItemRepository {
    static final String COLUMNS = "ID, KIND, SLUG, STATUS, CATEGORY, TAGS, TITLE_VI, TITLE_EN, SUMMARY_VI, SUMMARY_EN, "
            + "DOC_NUMBER, DOC_TYPE, ISSUER, ISSUED_ON, EVENT_DATE, PERSON, ORG_BODY, PLACE, PUBLISH_AT, PUBLISHED_AT, "
            + "REVIEW_NOTE, CREATED_BY, CREATED_AT, UPDATED_BY, UPDATED_AT, VERSION";
    static final String BODIES = ", BODY_VI, BODY_EN";

    /** One row of PT_ITEM (bodies only when asked for). */
    record Row(long id, Kind kind, String slug, Status status, String category, List<String> tags, String titleVi,
            String titleEn, String summaryVi, String summaryEn, String docNumber, String docType, String issuer,
            LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place, Instant publishAt,
            Instant publishedAt, String reviewNote, String createdBy, Instant createdAt, String updatedBy,
            Instant updatedAt, long version, String bodyVi, String bodyEn) {
    }

    private ItemRepository() {
    }

    static String uniqueSlug(Connection c, String wanted, Long self, boolean explicit) throws SQLException {
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

    static Row load(Connection c, long id, boolean bodies) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + (bodies ? BODIES : "") + " FROM PT_ITEM WHERE ID = ?",
                r -> row(r, bodies), id).orElseThrow(() -> new NotFoundException("No portal item " + id));
    }

    static Row bySlugOrId(Connection c, String slugOrId) throws SQLException {
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

    static Map<String, Named> categories(Connection c) throws SQLException {
        Map<String, Named> out = new LinkedHashMap<>();
        Jdbc.list(c, "SELECT CODE, NAME_VI, NAME_EN FROM PT_CATEGORY ORDER BY SORT_ORDER, CODE",
                r -> new Named(r.getString(1), r.getString(2), r.getString(3))).forEach(n -> out.put(n.code(), n));
        return out;
    }

    static List<FileInfo> files(Connection c, long itemId) throws SQLException {
        return Jdbc.list(c, "SELECT ID, NAME, CONTENT_TYPE, SIZE_BYTES FROM PT_FILE WHERE ITEM_ID = ? ORDER BY ID",
                r -> new FileInfo(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)), itemId);
    }
}

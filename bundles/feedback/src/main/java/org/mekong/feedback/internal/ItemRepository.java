package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.FeedbackService.Row;
import org.mekong.feedback.internal.Views.AttachmentInfo;
import org.mekong.feedback.internal.Vocab.Status;

/** The FB_ITEM row mapping and look-ups, with the attachment list and history rows (FB_EVENT) of an item. */
final class ItemRepository {
    static final String ITEM_COLUMNS = "ID, CODE, CHANNEL, SENDER_TYPE, SENDER_NAME, SENDER_EMAIL, SENDER_PHONE, "
            + "ORGANISATION, SENDER_USER, TITLE, CONTENT, PLACE, UNIT, CATEGORY, FIELD, SENDER_CATEGORY, SENDER_FIELD, "
            + "STATUS, MERGED_INTO, DEADLINE, ANSWER, ANSWERED_BY, RESOLVED_AT, PUBLISHED_AT, PUBLIC_TITLE, "
            + "PUBLIC_CONTENT, REJECT_REASON, LAT, LON, ADDRESS, RECEIVED_AT, UPDATED_AT, VERSION, PUBLIC_ID";
    /** The public id of an item: its row id, so it says nothing about the secret tracking code. */
    static final String PUBLIC_ID_SQL = "'FB-' || TRIM(CAST(ID AS CHAR(20)))";

    private final DataSource ds;

    ItemRepository(DataSource ds) {
        this.ds = ds;
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

    /** An item by its public id ({@code FB-…}). */
    Optional<Row> findPublic(String publicId) {
        if (publicId == null || publicId.isBlank() || publicId.length() > 20) {
            return Optional.empty();
        }
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE PUBLIC_ID = ?",
                ItemRepository::row, publicId.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    /** An item by its secret tracking code. */
    Optional<Row> find(String code) {
        if (code == null || code.isBlank() || code.length() > 16) {
            return Optional.empty();
        }
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + ITEM_COLUMNS + " FROM FB_ITEM WHERE CODE = ?",
                ItemRepository::row, code.trim().toUpperCase(java.util.Locale.ROOT)));
    }

    static List<AttachmentInfo> attachments(Connection c, long itemId) throws SQLException {
        return Jdbc.list(c, "SELECT ID, FILE_NAME, CONTENT_TYPE, FILE_SIZE FROM FB_ATTACHMENT WHERE ITEM_ID = ? ORDER BY ID",
                rs -> new AttachmentInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)), itemId);
    }

    /** One history row of an item: a status change or a note. */
    static void event(Connection c, long itemId, Instant at, String actor, String kind, Status status, String note)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO FB_EVENT (ITEM_ID, EVENT_AT, ACTOR, KIND, STATUS, NOTE) VALUES (?, ?, ?, ?, ?, ?)",
                itemId, at, actor, kind, status, note);
    }
}

package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.load;
import static org.mekong.portal.internal.PortalAccess.WRITERS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Views.Revision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The revision history of portal items in PT_REVISION: one JSON snapshot per change, listed and read back. */
final class Revisions {
    private final DataSource ds;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    Revisions(DataSource ds) {
        this.ds = ds;
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

    /** Stores the next revision of an item, in the caller's transaction. */
    void write(Connection c, Row r, String change, String author, String note) throws SQLException {
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
}

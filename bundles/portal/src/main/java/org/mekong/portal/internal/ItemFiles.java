package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.load;
import static org.mekong.portal.internal.PortalAccess.WRITERS;
import static org.mekong.portal.internal.PortalAccess.isWriter;
import static org.mekong.portal.internal.PortalAccess.requireReviewer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.FileType;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.PortalService.FileData;
import org.mekong.portal.internal.Views.FileInfo;
import org.mekong.portal.internal.Vocab.Status;

/** Files attached to portal items (PT_FILE): download, upload and removal, with their audit records. */
final class ItemFiles {
    static final long FILE_MAX_BYTES = 10L * 1024 * 1024;
    static final Set<String> FILE_TYPES = Set.of("pdf", "png", "jpg", "jpeg", "docx", "xlsx", "txt");

    private final DataSource ds;
    private final AuditService audit;

    ItemFiles(DataSource ds, AuditService audit) {
        this.ds = ds;
        this.audit = audit;
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
}

package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.load;
import static org.mekong.portal.internal.ItemRepository.uniqueSlug;
import static org.mekong.portal.internal.ItemValidator.check;
import static org.mekong.portal.internal.ItemValidator.slugOf;
import static org.mekong.portal.internal.ItemViews.entry;
import static org.mekong.portal.internal.ItemViews.staff;
import static org.mekong.portal.internal.PortalAccess.WRITERS;
import static org.mekong.portal.internal.PortalAccess.requireReviewer;

import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.ItemValidator.Clean;
import org.mekong.portal.internal.Views.ItemInput;
import org.mekong.portal.internal.Views.StaffItem;
import org.mekong.portal.internal.Vocab.Named;
import org.mekong.portal.internal.Vocab.Status;

/** Writing portal items: create and edit (checked, with optimistic locking and a revision) and delete drafts. */
final class ItemEditor {
    private final DataSource ds;
    private final PortalIndex index;
    private final AuditService audit;
    private final Revisions revisions;

    ItemEditor(DataSource ds, PortalIndex index, AuditService audit, Revisions revisions) {
        this.ds = ds;
        this.index = index;
        this.audit = audit;
        this.revisions = revisions;
    }

    public StaffItem create(Caller caller, ItemInput in) {
        caller.require(WRITERS);
        if (in == null) {
            throw new InvalidInputException("A JSON item is required");
        }
        Map<String, Named> cats = Jdbc.read(ds, ItemRepository::categories);
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
            revisions.write(c, r, "CREATE", caller.username(), null);
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
        Map<String, Named> cats = Jdbc.read(ds, ItemRepository::categories);
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
            revisions.write(c, a, "EDIT", caller.username(), null);
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
}

package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.load;
import static org.mekong.portal.internal.ItemValidator.instant;
import static org.mekong.portal.internal.ItemViews.entry;
import static org.mekong.portal.internal.ItemViews.staff;
import static org.mekong.portal.internal.PortalAccess.WRITERS;
import static org.mekong.portal.internal.PortalAccess.requireReviewer;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Views.ActionInput;
import org.mekong.portal.internal.Views.StaffItem;
import org.mekong.portal.internal.Vocab.Status;

/**
 * The editorial workflow DRAFT -> IN_REVIEW -> PUBLISHED or SCHEDULED -> ARCHIVED: submit, return, publish (four
 * eyes), archive and restore, each with a revision, an audit record, an index update and an event.
 */
final class EditorialWorkflow {
    private final DataSource ds;
    private final PortalIndex index;
    private final AuditService audit;
    private final Revisions revisions;
    private final PortalEvents events;

    EditorialWorkflow(DataSource ds, PortalIndex index, AuditService audit, Revisions revisions, PortalEvents events) {
        this.ds = ds;
        this.index = index;
        this.audit = audit;
        this.revisions = revisions;
        this.events = events;
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
            revisions.write(c, a, action.toUpperCase(Locale.ROOT), caller.username(), note);
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
        events.post(after, caller.username());
        return Jdbc.read(ds, c -> staff(c, after, List.of()));
    }

    private static void expect(Row r, String action, Status... allowed) {
        if (!Arrays.asList(allowed).contains(r.status())) {
            throw new ConflictException("Cannot " + action + " item " + r.id() + ": it is " + r.status() + "; "
                    + action + " needs " + Arrays.toString(allowed));
        }
    }
}

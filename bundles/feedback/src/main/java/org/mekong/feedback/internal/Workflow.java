package org.mekong.feedback.internal;

import static org.mekong.feedback.internal.Inputs.clean;
import static org.mekong.feedback.internal.Inputs.parse;
import static org.mekong.feedback.internal.Inputs.text;
import static org.mekong.feedback.internal.Intake.CONTENT_MAX;
import static org.mekong.feedback.internal.Intake.CONTENT_MIN;
import static org.mekong.feedback.internal.Intake.TITLE_MAX;
import static org.mekong.feedback.internal.Intake.TITLE_MIN;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.FeedbackService.Row;
import org.mekong.feedback.internal.Views.ItemView;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Field;
import org.mekong.feedback.internal.Vocab.Status;

/**
 * The processing workflow (classify, assign, start, answer, publish, reject, merge, notes): each change is one
 * version-guarded update with its history row, then an audit record and an event.
 */
final class Workflow {
    private final DataSource ds;
    private final ItemRepository items;
    private final TextIndex index;
    private final AuditService audit;
    private final StatusEvents events;
    private final StaffAccess access;
    private final Inbox inbox;
    private final Routing routing;
    private final Deadlines deadlines;
    private final FeedbackUnits names;

    Workflow(DataSource ds, ItemRepository items, TextIndex index, AuditService audit, StatusEvents events,
            StaffAccess access, Inbox inbox, Routing routing, Deadlines deadlines, FeedbackUnits names) {
        this.ds = ds;
        this.items = items;
        this.index = index;
        this.audit = audit;
        this.events = events;
        this.access = access;
        this.inbox = inbox;
        this.routing = routing;
        this.deadlines = deadlines;
        this.names = names;
    }

    private static final List<Status> OPEN = List.of(Status.RECEIVED, Status.CLASSIFIED, Status.ASSIGNED,
            Status.IN_PROGRESS);

    ItemView classify(Caller caller, String code, String category, String field) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = access.staffRow(caller, code);
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
                deadlines.deadline(r.receivedAt(), cat)), cat + " / " + f);
    }

    ItemView assign(Caller caller, String code, String unitCode, String note) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = access.staffRow(caller, code);
        allowed(r, "assign", List.of(Status.CLASSIFIED, Status.ASSIGNED, Status.IN_PROGRESS));
        boolean reassign = r.status() != Status.CLASSIFIED;
        String n = clean(note);
        if (reassign && n == null) {
            throw InvalidInputException.field("note", "a reason is required to reassign feedback that is already "
                    + r.status());
        }
        OrgUnit target;
        if (unitCode == null || unitCode.isBlank()) {
            target = Jdbc.read(ds, c -> routing.route(c, r.field() == null ? null : Field.valueOf(r.field()), r.place()));
        } else {
            target = names.unitOrBad("unit", unitCode);
        }
        if (reassign && target.code().equals(r.unit())) {
            throw new ConflictException("Feedback " + code + " is already assigned to " + target.code());
        }
        LocalDate deadline = r.deadline() != null ? r.deadline() : deadlines.deadline(r.receivedAt(), Category.valueOf(r.category()));
        String text = "→ " + target.code() + (n == null ? "" : ": " + n);
        return change(caller, r, Status.ASSIGNED, "UNIT = ?, UNIT_PATH = ?, DEADLINE = ?",
                List.of(target.code(), target.path(), deadline), text);
    }

    ItemView start(Caller caller, String code) {
        Row r = access.handlerRow(caller, code, Role.MODERATOR, Role.REPORTER, Role.VERIFIER, Role.LEADER, Role.CENTRAL_IT);
        allowed(r, "start", List.of(Status.ASSIGNED));
        return change(caller, r, Status.IN_PROGRESS, null, List.of(), null);
    }

    ItemView answer(Caller caller, String code, String answer) {
        Row r = access.handlerRow(caller, code, Role.MODERATOR, Role.REPORTER, Role.VERIFIER, Role.LEADER, Role.CENTRAL_IT);
        String a = clean(answer);
        if (a == null || a.length() < 10 || a.length() > CONTENT_MAX) {
            throw InvalidInputException.field("answer", "an answer of 10 to " + CONTENT_MAX + " characters is required");
        }
        notTheAuthor(caller, r, "answer");
        allowed(r, "answer", List.of(Status.ASSIGNED, Status.IN_PROGRESS));
        return change(caller, r, Status.ANSWERED, "ANSWER = ?, ANSWERED_BY = ?, RESOLVED_AT = ?",
                List.of(a, caller.username(), Instant.now()), null);
    }

    ItemView publish(Caller caller, String code, String publicTitle, String publicContent) {
        caller.require(Role.MODERATOR, Role.LEADER, Role.CENTRAL_IT);
        Row r = access.handlerRow(caller, code, Role.MODERATOR, Role.LEADER, Role.CENTRAL_IT);
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

    ItemView reject(Caller caller, String code, String reason) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = access.staffRow(caller, code);
        String why = clean(reason);
        if (why == null || why.length() < 5 || why.length() > 2000) {
            throw InvalidInputException.field("reason", "a reason of 5 to 2000 characters is required; the sender sees it");
        }
        allowed(r, "reject", OPEN);
        return change(caller, r, Status.REJECTED, "REJECT_REASON = ?", List.of(why), why);
    }

    ItemView merge(Caller caller, String code, String into) {
        caller.require(Role.MODERATOR, Role.CENTRAL_IT);
        Row r = access.staffRow(caller, code);
        if (into == null || into.isBlank()) {
            throw InvalidInputException.field("into", "the tracking code of the primary item is required");
        }
        Row primary = access.staffRow(caller, into.trim());
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

    ItemView note(Caller caller, String code, String text) {
        Row r = access.handlerRowAnyStatus(caller, code);
        String t = clean(text);
        if (t == null || t.length() > 4000) {
            throw InvalidInputException.field("text", "a note of 1 to 4000 characters is required");
        }
        Jdbc.write(ds, c -> {
            ItemRepository.event(c, r.id(), Instant.now(), caller.username(), "NOTE", null, t);
            return null;
        });
        return inbox.view(caller, items.find(r.code()).orElseThrow());
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
            ItemRepository.event(c, r.id(), now, caller.username(), "STATUS", next, note);
            return null;
        });
        Row after = items.find(r.code()).orElseThrow();
        index.put(PublicText.entry(after));
        audit.record(caller.username(), "Feedback", r.code(), next.name(), Map.of("status", r.status().name()),
                Map.of("status", next.name(), "note", note == null ? "" : note));
        events.post(next, r.code(), after.unit() != null ? after.unit() : after.place(), null);
        return inbox.view(caller, after);
    }
}

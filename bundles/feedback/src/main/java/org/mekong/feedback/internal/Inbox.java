package org.mekong.feedback.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.FeedbackService.FileContent;
import org.mekong.feedback.internal.FeedbackService.Row;
import org.mekong.feedback.internal.FeedbackService.Where;
import org.mekong.feedback.internal.Views.Duplicate;
import org.mekong.feedback.internal.Views.HistoryEntry;
import org.mekong.feedback.internal.Views.ItemSummary;
import org.mekong.feedback.internal.Views.ItemView;
import org.mekong.feedback.internal.Views.Note;
import org.mekong.feedback.internal.Views.UnitRef;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Field;
import org.mekong.feedback.internal.Vocab.Status;

/** The staff inbox: the filtered list of the items in the caller's units, an item's full view and its attachments. */
final class Inbox {
    private final DataSource ds;
    private final OrgUnitService units;
    private final FeedbackUnits names;
    private final TextIndex index;
    private final StaffAccess access;
    private final Routing routing;

    Inbox(DataSource ds, OrgUnitService units, FeedbackUnits names, TextIndex index, StaffAccess access,
            Routing routing) {
        this.ds = ds;
        this.units = units;
        this.names = names;
        this.index = index;
        this.access = access;
        this.routing = routing;
    }

    Page<ItemSummary> list(Caller caller, List<String> statuses, String category, String field, String orgUnit,
            String responsibleUnit, String q, boolean overdueOnly, int offset, int limit) {
        caller.require(StaffAccess.STAFF);
        Where w = new Where("1 = 1");
        if (!caller.isNational()) {
            List<String> paths = caller.orgUnits().stream().map(units::find).flatMap(Optional::stream)
                    .map(OrgUnit::path).toList();
            if (paths.isEmpty()) {
                return new Page<>(List.of(), 0, offset, limit);
            }
            w.add("(" + paths.stream().map(p -> "PLACE_PATH LIKE ? OR UNIT_PATH LIKE ?").collect(Collectors.joining(" OR "))
                    + ")", paths.stream().flatMap(p -> java.util.stream.Stream.of(p + "%", p + "%")).toArray());
        }
        List<Status> wanted = new ArrayList<>();
        for (String s : statuses == null ? List.<String>of() : statuses) {
            for (String part : s.split(",")) {
                Status st = Vocab.parse(Status.class, "status", part);
                if (st != null) {
                    wanted.add(st);
                }
            }
        }
        if (!wanted.isEmpty()) {
            w.add("STATUS IN (" + wanted.stream().map(x -> "?").collect(Collectors.joining(",")) + ")", wanted.toArray());
        }
        Category cat = Vocab.parse(Category.class, "category", category);
        if (cat != null) {
            w.add("CATEGORY = ?", cat);
        }
        Field f = Vocab.parse(Field.class, "field", field);
        if (f != null) {
            w.add("FIELD = ?", f);
        }
        if (orgUnit != null && !orgUnit.isBlank()) {
            w.add("PLACE_PATH LIKE ?", names.unitOrBad("orgUnit", orgUnit).path() + "%");
        }
        if (responsibleUnit != null && !responsibleUnit.isBlank()) {
            w.add("UNIT_PATH LIKE ?", names.unitOrBad("responsibleUnit", responsibleUnit).path() + "%");
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + Inputs.boundedQuery(q).toLowerCase(java.util.Locale.ROOT) + "%";
            w.add("(LOWER(TITLE) LIKE ? OR LOWER(CONTENT) LIKE ? OR CODE = ?)", like, like, q.trim().toUpperCase(
                    java.util.Locale.ROOT));
        }
        if (overdueOnly) {
            w.add("STATUS IN ('RECEIVED','CLASSIFIED','ASSIGNED','IN_PROGRESS') AND DEADLINE < ?", Deadlines.today());
        }
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM FB_ITEM WHERE " + w.sql(), w.params());
            List<Row> rows = Jdbc.list(c, "SELECT " + ItemRepository.ITEM_COLUMNS + " FROM FB_ITEM WHERE " + w.sql()
                    + " ORDER BY RECEIVED_AT DESC, ID DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY",
                    ItemRepository::row, w.params());
            return new Page<>(rows.stream().map(r -> new ItemSummary(r.code(), r.publicId(), r.title(), r.status().name(),
                    r.category(), r.field(), names.unit(r.place()), names.unit(r.unit()), r.receivedAt(), r.deadline(), Deadlines.overdue(r),
                    r.channel(), r.senderType())).toList(), total, offset, limit);
        });
    }

    ItemView item(Caller caller, String code) {
        Row r = access.staffRow(caller, code);
        return view(caller, r);
    }

    /** The staff view; its duplicates are only those the caller may open too. */
    ItemView view(Caller caller, Row r) {
        return Jdbc.read(ds, c -> {
            List<HistoryEntry> history = Jdbc.list(c, "SELECT EVENT_AT, STATUS, ACTOR, NOTE FROM FB_EVENT WHERE ITEM_ID = ? "
                    + "AND KIND = 'STATUS' ORDER BY ID", rs -> new HistoryEntry(Jdbc.getInstant(rs, "EVENT_AT"),
                            rs.getString("STATUS"), rs.getString("ACTOR"), rs.getString("NOTE")), r.id());
            List<Note> notes = Jdbc.list(c, "SELECT EVENT_AT, ACTOR, NOTE FROM FB_EVENT WHERE ITEM_ID = ? AND KIND = 'NOTE' "
                    + "ORDER BY ID", rs -> new Note(Jdbc.getInstant(rs, "EVENT_AT"), rs.getString("ACTOR"),
                            rs.getString("NOTE")), r.id());
            // linked items outside the caller's units are named by public id only, or left out
            List<String> merged = Jdbc.list(c, "SELECT " + ItemRepository.ITEM_COLUMNS + " FROM FB_ITEM WHERE MERGED_INTO = ? ORDER BY ID",
                    ItemRepository::row, r.id()).stream().filter(m -> access.inScope(caller, m)).map(Row::code).toList();
            String mergedInto = r.mergedInto() == null ? null
                    : Jdbc.one(c, "SELECT " + ItemRepository.ITEM_COLUMNS + " FROM FB_ITEM WHERE ID = ?", ItemRepository::row,
                            r.mergedInto()).map(p -> access.inScope(caller, p) ? p.code() : p.publicId()).orElse(null);
            List<Duplicate> duplicates = new ArrayList<>();
            if (!r.status().isClosed()) {
                for (TextIndex.Similar s : index.similar(r.title() + "\n" + r.content(), r.id(), caller.isNational() ? 5 : 50)) {
                    Jdbc.one(c, "SELECT " + ItemRepository.ITEM_COLUMNS + " FROM FB_ITEM WHERE ID = ?", ItemRepository::row, s.id())
                            .filter(d -> access.inScope(caller, d)).filter(d -> duplicates.size() < 5)
                            .ifPresent(d -> duplicates.add(new Duplicate(d.code(), d.title(), d.status().name(),
                                    s.similarity())));
                }
            }
            Field routeField = r.field() != null ? Field.valueOf(r.field())
                    : r.senderField() != null ? Field.valueOf(r.senderField()) : null;
            return new ItemView(r.code(), r.publicId(), r.title(), r.content(), r.status().name(), r.category(), r.field(),
                    names.unit(r.place()), names.unit(r.unit()), r.receivedAt(), r.deadline(), Deadlines.overdue(r), r.answer(),
                    r.answeredBy(), r.resolvedAt(), r.publishedAt(), r.rejectReason(), mergedInto, merged,
                    r.senderType(), r.senderName(), r.senderEmail(), r.senderPhone(), r.organisation(), r.senderUser(),
                    r.channel(), r.senderCategory(), r.senderField(), index.suggest(r.title() + "\n" + r.content()),
                    UnitRef.of(routing.route(c, routeField, r.place())), duplicates, notes, history, ItemRepository.attachments(c, r.id()),
                    PublicText.title(r), PublicText.content(r), r.lat(),
                    r.lon(), r.address(), r.version());
        });
    }

    FileContent attachment(Caller caller, String code, long id) {
        Row r = access.staffRow(caller, code);
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT FILE_NAME, CONTENT_TYPE, CONTENT FROM FB_ATTACHMENT WHERE ID = ? AND "
                + "ITEM_ID = ?", rs -> new FileContent(rs.getString(1), rs.getString(2), rs.getBytes(3)), id, r.id()))
                .orElseThrow(() -> new NotFoundException("Feedback " + code + " has no attachment " + id));
    }

}

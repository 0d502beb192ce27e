package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Views.AttachmentInfo;
import org.mekong.feedback.internal.Views.HistoryEntry;
import org.mekong.feedback.internal.Views.PublishedView;
import org.mekong.feedback.internal.Views.TrackView;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Field;
import org.mekong.feedback.internal.Vocab.Status;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Everything about feedback that callers without a staff role see: the sender's own status view
 * (by the secret tracking code, or the signed-in sender's items) and the published answers (by
 * public id). Texts are masked by {@link Redactor}; no view names another item's tracking code.
 */
@Component(service = FeedbackPublic.class)
public class FeedbackPublic {
    private final DataSource ds;
    private final FeedbackService feedback;
    private final OrgUnitService units;
    private final TextIndex index;

    @Activate
    public FeedbackPublic(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference FeedbackService feedback, @Reference OrgUnitService units, @Reference TextIndex index) {
        this.ds = ds;
        this.feedback = feedback;
        this.units = units;
        this.index = index;
    }

    public TrackView track(String code) {
        FeedbackService.Row r = feedback.find(code).orElseThrow(() -> new NotFoundException("No feedback with the tracking code '" + code + "'"));
        return Jdbc.read(ds, c -> trackView(c, r));
    }

    private TrackView trackView(Connection c, FeedbackService.Row r) throws SQLException {
        FeedbackService.Row effective = r;
        String mergedInto = null;
        if (r.mergedInto() != null) {
            effective = Jdbc.one(c, "SELECT " + FeedbackService.ITEM_COLUMNS + " FROM FB_ITEM WHERE ID = ?", FeedbackService::row,
                    r.mergedInto()).orElse(r);
            mergedInto = effective.publicId();
        }
        List<HistoryEntry> history = Jdbc.list(c, "SELECT EVENT_AT, STATUS FROM FB_EVENT WHERE ITEM_ID = ? AND KIND = "
                + "'STATUS' ORDER BY ID", rs -> new HistoryEntry(Jdbc.getInstant(rs, "EVENT_AT"), rs.getString("STATUS"),
                        null, null), r.id());
        List<AttachmentInfo> files = FeedbackService.attachments(c, r.id()).stream()
                .map(a -> new AttachmentInfo(null, a.name(), a.contentType(), a.size())).toList();
        Redactor.Sender sender = Redactor.Sender.of(r);
        return new TrackView(r.code(), r.publicId(), Redactor.redact(r.title(), sender),
                Redactor.redact(r.content(), sender), effective.status().name(),
                r.category() != null ? r.category() : r.senderCategory(), r.field() != null ? r.field() : r.senderField(),
                feedback.unit(r.place()), feedback.unit(effective.unit()), r.receivedAt(), effective.deadline(),
                FeedbackService.overdue(effective),
                effective.status().isResolved() ? effective.answer() : null, effective.resolvedAt(),
                effective.publishedAt(), effective.status() == Status.REJECTED ? effective.rejectReason() : null,
                mergedInto, files, history);
    }

    /** Published items, newest first; {@code q} matches all its words, accents optional. */
    public Page<PublishedView> published(String q, String category, String field, String orgUnit, LocalDate from,
            LocalDate to, int offset, int limit) {
        FeedbackService.Where w = new FeedbackService.Where("STATUS = 'PUBLISHED'");
        if (q != null && !q.isBlank()) {
            List<Long> ids = index.searchPublished(FeedbackService.boundedQuery(q), 1000);
            if (ids.isEmpty()) {
                return new Page<>(List.of(), 0, offset, limit);
            }
            w.add("ID IN (" + ids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
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
            OrgUnit u = units.find(orgUnit.trim()).orElseThrow(() -> InvalidInputException.field("orgUnit",
                    "'" + orgUnit + "' is not an org unit"));
            w.add("(PLACE_PATH LIKE ? OR UNIT_PATH LIKE ?)", u.path() + "%", u.path() + "%");
        }
        if (from != null) {
            w.add("RECEIVED_AT >= ?", from.atStartOfDay(FeedbackService.ZONE).toInstant());
        }
        if (to != null) {
            w.add("RECEIVED_AT < ?", to.plusDays(1).atStartOfDay(FeedbackService.ZONE).toInstant());
        }
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM FB_ITEM WHERE " + w.sql(), w.params());
            List<FeedbackService.Row> rows = Jdbc.list(c, "SELECT " + FeedbackService.ITEM_COLUMNS + " FROM FB_ITEM WHERE " + w.sql()
                    + " ORDER BY PUBLISHED_AT DESC, ID DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY",
                    FeedbackService::row, w.params());
            return new Page<>(rows.stream().map(this::publishedView).toList(), total, offset, limit);
        });
    }

    public PublishedView publishedItem(String publicId) {
        FeedbackService.Row r = feedback.findPublic(publicId).filter(x -> x.status() == Status.PUBLISHED)
                .orElseThrow(() -> new NotFoundException("No published feedback with the id '" + publicId + "'"));
        return publishedView(r);
    }

    private PublishedView publishedView(FeedbackService.Row r) {
        return new PublishedView(r.publicId(), FeedbackService.publicTitle(r), FeedbackService.publicContent(r),
                r.category(), r.field(), feedback.unit(r.place()), feedback.unit(r.unit()), r.receivedAt(), r.resolvedAt(), r.publishedAt(), r.answer());
    }

    /** The signed-in sender's own items. */
    public List<TrackView> mine(Caller caller) {
        caller.require();
        return Jdbc.read(ds, c -> {
            List<TrackView> out = new ArrayList<>();
            for (FeedbackService.Row r : Jdbc.list(c, "SELECT " + FeedbackService.ITEM_COLUMNS + " FROM FB_ITEM WHERE SENDER_USER = ? ORDER BY ID DESC "
                    + "FETCH FIRST 200 ROWS ONLY", FeedbackService::row, caller.username())) {
                out.add(trackView(c, r));
            }
            return out;
        });
    }
}

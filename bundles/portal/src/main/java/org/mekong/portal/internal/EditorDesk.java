package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.COLUMNS;
import static org.mekong.portal.internal.ItemRepository.categories;
import static org.mekong.portal.internal.ItemRepository.load;
import static org.mekong.portal.internal.ItemRepository.row;
import static org.mekong.portal.internal.ItemValidator.enumOf;
import static org.mekong.portal.internal.ItemValidator.slugOf;
import static org.mekong.portal.internal.ItemViews.staff;
import static org.mekong.portal.internal.PortalAccess.WRITERS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Views.Options;
import org.mekong.portal.internal.Views.StaffItem;
import org.mekong.portal.internal.Views.StaffSummary;
import org.mekong.portal.internal.Vocab.DocType;
import org.mekong.portal.internal.Vocab.Kind;
import org.mekong.portal.internal.Vocab.Named;
import org.mekong.portal.internal.Vocab.Status;

/** The editors' reads: form options, the list of items in every status, and one item with its files. */
final class EditorDesk {
    private final DataSource ds;
    private final PublicationScheduler scheduler;

    EditorDesk(DataSource ds, PublicationScheduler scheduler) {
        this.ds = ds;
        this.scheduler = scheduler;
    }

    public Options options() {
        return Jdbc.read(ds, c -> new Options(Arrays.stream(Kind.values()).map(Enum::name).toList(),
                Arrays.stream(Status.values()).map(Enum::name).toList(),
                Arrays.stream(DocType.values()).map(t -> new Named(t.name(), t.nameVi, t.nameEn)).toList(),
                new ArrayList<>(categories(c).values())));
    }

    public Page<StaffSummary> manageList(Caller caller, String status, String kind, String q, int offset, int limit) {
        caller.require(WRITERS);
        scheduler.promoteIfDue();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            where.append(" AND STATUS = ?");
            params.add(enumOf(Status.class, "status", status).name());
        }
        if (kind != null && !kind.isBlank()) {
            where.append(" AND KIND = ?");
            params.add(enumOf(Kind.class, "kind", kind).name());
        }
        if (q != null && !q.isBlank()) {
            String like = "%" + q.trim().toLowerCase(Locale.ROOT) + "%";
            String slugLike = "%" + slugOf(q) + "%";
            where.append(" AND (LOWER(TITLE_VI) LIKE ? OR LOWER(TITLE_EN) LIKE ? OR SLUG LIKE ? OR LOWER(DOC_NUMBER) LIKE ?)");
            params.addAll(List.of(like, like, slugLike, like));
        }
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM PT_ITEM" + where, params.toArray());
            List<Object> p = new ArrayList<>(params);
            p.add(offset);
            p.add(limit);
            Map<String, Named> cats = categories(c);
            List<StaffSummary> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM PT_ITEM" + where
                    + " ORDER BY UPDATED_AT DESC, ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", r -> {
                        Row x = row(r, false);
                        return new StaffSummary(x.id(), x.slug(), x.kind().name(), x.status().name(), x.titleVi(),
                                x.titleEn(), cats.get(x.category()), x.publishedAt(), x.publishAt(), x.updatedAt(),
                                x.updatedBy(), x.version(), x.docNumber(), x.eventDate());
                    }, p.toArray());
            return new Page<>(items, total, offset, limit);
        });
    }

    public StaffItem manageGet(Caller caller, long id) {
        caller.require(WRITERS);
        return Jdbc.read(ds, c -> staff(c, load(c, id, true), List.of()));
    }
}

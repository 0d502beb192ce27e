package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.BODIES;
import static org.mekong.portal.internal.ItemRepository.COLUMNS;
import static org.mekong.portal.internal.ItemRepository.bySlugOrId;
import static org.mekong.portal.internal.ItemRepository.categories;
import static org.mekong.portal.internal.ItemRepository.files;
import static org.mekong.portal.internal.ItemRepository.row;
import static org.mekong.portal.internal.ItemRepository.splitTags;
import static org.mekong.portal.internal.ItemValidator.enumOf;
import static org.mekong.portal.internal.ItemViews.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Views.Facets;
import org.mekong.portal.internal.Views.PublicItem;
import org.mekong.portal.internal.Views.Summary;
import org.mekong.portal.internal.Vocab.DocType;
import org.mekong.portal.internal.Vocab.Kind;
import org.mekong.portal.internal.Vocab.Named;
import org.mekong.portal.internal.Vocab.Status;

/** The public catalogue: lists, facets, search and single items, only ever PUBLISHED ones. */
final class PublicCatalogue {
    private final DataSource ds;
    private final PortalIndex index;
    private final PublicationScheduler scheduler;

    PublicCatalogue(DataSource ds, PortalIndex index, PublicationScheduler scheduler) {
        this.ds = ds;
        this.index = index;
        this.scheduler = scheduler;
    }

    public Page<Summary> list(String kind, String category, String tag, String docType, String issuer, Integer year,
            int offset, int limit) {
        scheduler.promoteIfDue();
        Kind k = kind == null || kind.isBlank() ? null : enumOf(Kind.class, "kind", kind);
        StringBuilder where = new StringBuilder(" WHERE STATUS = 'PUBLISHED'");
        List<Object> params = new ArrayList<>();
        if (k != null) {
            where.append(" AND KIND = ?");
            params.add(k.name());
        }
        if (category != null && !category.isBlank()) {
            where.append(" AND CATEGORY = ?");
            params.add(category.trim());
        }
        if (tag != null && !tag.isBlank()) {
            where.append(" AND TAGS LIKE ?");
            params.add("%," + tag.trim().toLowerCase(Locale.ROOT) + ",%");
        }
        if (docType != null && !docType.isBlank()) {
            where.append(" AND DOC_TYPE = ?");
            params.add(enumOf(DocType.class, "docType", docType).name());
        }
        if (issuer != null && !issuer.isBlank()) {
            where.append(" AND ISSUER = ?");
            params.add(issuer.trim());
        }
        if (year != null) {
            if (year < 1900 || year > 2200) {
                throw InvalidInputException.field("year", "must be a year such as 2025");
            }
            where.append(" AND YEAR(").append(k == Kind.DOCUMENT ? "ISSUED_ON" : k == Kind.ACTIVITY ? "EVENT_DATE"
                    : "PUBLISHED_AT").append(") = ?");
            params.add(year);
        }
        String order = k == Kind.DOCUMENT ? " ORDER BY ISSUED_ON DESC, ID DESC"
                : k == Kind.ACTIVITY ? " ORDER BY EVENT_DATE DESC, ID DESC" : " ORDER BY PUBLISHED_AT DESC, ID DESC";
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM PT_ITEM" + where, params.toArray());
            List<Object> p = new ArrayList<>(params);
            p.add(offset);
            p.add(limit);
            Map<String, Named> cats = categories(c);
            List<Summary> items = Jdbc.list(c, "SELECT " + COLUMNS + " FROM PT_ITEM" + where + order
                    + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", r -> summary(row(r, false), cats), p.toArray());
            return new Page<>(items, total, offset, limit);
        });
    }

    /** A published item by slug (or numeric id); 404 for anything unpublished. */
    public PublicItem published(String slugOrId) {
        scheduler.promoteIfDue();
        return Jdbc.read(ds, c -> {
            Row r = bySlugOrId(c, slugOrId);
            if (r == null || r.status() != Status.PUBLISHED) {
                throw new NotFoundException("No published item '" + slugOrId + "'");
            }
            Named cat = categories(c).get(r.category());
            return new PublicItem(r.id(), r.slug(), r.kind().name(), r.titleVi(), r.titleEn(), r.summaryVi(),
                    r.summaryEn(), cat, r.tags(), r.publishedAt(), r.docNumber(), r.docType(), r.issuer(), r.issuedOn(),
                    r.eventDate(), r.person(), r.orgBody(), r.place(), r.bodyVi(), r.bodyEn(), files(c, r.id()),
                    r.updatedAt());
        });
    }

    /** Published items matching every word of q, best first; accents optional. */
    public Page<Summary> search(String q, String kind, int offset, int limit) {
        scheduler.promoteIfDue();
        String query = q == null ? "" : q.trim();
        if (query.isEmpty() || !index.hasWords(query)) {
            throw InvalidInputException.field("q", "type at least one word to search for");
        }
        if (query.length() > 200) {
            throw InvalidInputException.field("q", "at most 200 characters");
        }
        Kind k = kind == null || kind.isBlank() ? null : enumOf(Kind.class, "kind", kind);
        PortalIndex.Hits hits = index.search(query, k == null ? null : k.name(), offset, limit);
        if (hits.ids().isEmpty()) {
            return new Page<>(List.of(), hits.total(), offset, limit);
        }
        return Jdbc.read(ds, c -> {
            Map<String, Named> cats = categories(c);
            Map<Long, Summary> byId = new HashMap<>();
            Jdbc.list(c, "SELECT " + COLUMNS + " FROM PT_ITEM WHERE STATUS = 'PUBLISHED' AND ID IN ("
                    + Jdbc.marks(hits.ids().size()) + ")", r -> row(r, false), hits.ids().toArray())
                    .forEach(r -> byId.put(r.id(), summary(r, cats)));
            List<Summary> items = hits.ids().stream().map(byId::get).filter(s -> s != null).toList();
            return new Page<>(items, hits.total(), offset, limit);
        });
    }

    public Facets facets() {
        scheduler.promoteIfDue();
        return Jdbc.read(ds, c -> {
            List<Named> cats = new ArrayList<>(categories(c).values());
            List<Named> types = Arrays.stream(DocType.values()).map(t -> new Named(t.name(), t.nameVi, t.nameEn))
                    .toList();
            List<String> issuers = Jdbc.list(c, "SELECT DISTINCT ISSUER FROM PT_ITEM WHERE STATUS = 'PUBLISHED' "
                    + "AND KIND = 'DOCUMENT' AND ISSUER IS NOT NULL ORDER BY ISSUER", r -> r.getString(1));
            List<Integer> years = Jdbc.list(c, "SELECT DISTINCT YEAR(ISSUED_ON) FROM PT_ITEM WHERE STATUS = 'PUBLISHED' "
                    + "AND KIND = 'DOCUMENT' AND ISSUED_ON IS NOT NULL ORDER BY 1 DESC", r -> r.getInt(1));
            Set<String> tags = new TreeSet<>();
            Jdbc.list(c, "SELECT TAGS FROM PT_ITEM WHERE STATUS = 'PUBLISHED' AND TAGS IS NOT NULL",
                    r -> r.getString(1)).forEach(t -> tags.addAll(splitTags(t)));
            return new Facets(cats, types, issuers, years, List.copyOf(tags));
        });
    }

    /** The latest published items for feeds and the home page, with bodies. */
    List<Row> latest(Kind kind, int n) {
        scheduler.promoteIfDue();
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + BODIES + " FROM PT_ITEM WHERE STATUS = 'PUBLISHED'"
                + (kind == null ? "" : " AND KIND = '" + kind.name() + "'")
                + " ORDER BY PUBLISHED_AT DESC, ID DESC FETCH FIRST " + Math.max(1, n) + " ROWS ONLY", r -> row(r, true)));
    }
}

package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.categories;
import static org.mekong.portal.internal.ItemRepository.files;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Views.StaffItem;
import org.mekong.portal.internal.Views.Summary;
import org.mekong.portal.internal.Vocab.Named;

/** Turns portal item rows into the public summary, the editors' view and the search index entry. */
final class ItemViews {

    private ItemViews() {
    }

    static Summary summary(Row r, Map<String, Named> cats) {
        return new Summary(r.id(), r.slug(), r.kind().name(), r.titleVi(), r.titleEn(), r.summaryVi(), r.summaryEn(),
                cats.get(r.category()), r.tags(), r.publishedAt(), r.docNumber(), r.docType(), r.issuer(), r.issuedOn(),
                r.eventDate(), r.person(), r.orgBody(), r.place());
    }

    static StaffItem staff(Connection c, Row r, List<String> sanitised) throws SQLException {
        return new StaffItem(r.id(), r.slug(), r.kind().name(), r.status().name(), r.titleVi(), r.titleEn(),
                r.summaryVi(), r.summaryEn(), categories(c).get(r.category()), r.tags(), r.docNumber(), r.docType(),
                r.issuer(), r.issuedOn(), r.eventDate(), r.person(), r.orgBody(), r.place(), r.bodyVi(), r.bodyEn(),
                files(c, r.id()), r.publishAt(), r.publishedAt(), r.reviewNote(), r.createdBy(), r.createdAt(),
                r.updatedBy(), r.updatedAt(), r.version(), sanitised);
    }

    static PortalIndex.Entry entry(Row r) {
        String meta = String.join(" ", nz(r.docNumber()), nz(r.issuer()), nz(r.person()), nz(r.orgBody()),
                nz(r.place()), String.join(" ", r.tags()));
        return new PortalIndex.Entry(r.id(), r.kind().name(), nz(r.titleVi()) + " " + nz(r.titleEn()),
                nz(r.summaryVi()) + " " + nz(r.summaryEn()),
                Sanitiser.text(r.bodyVi()) + " " + Sanitiser.text(r.bodyEn()), meta);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

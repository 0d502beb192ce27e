package org.mekong.portal.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.mekong.portal.internal.Vocab.Named;

/** What the portal's REST resources answer and accept. */
public final class Views {
    private Views() {
    }

    /** An item in lists, search results and feeds (published content only on public paths). */
    public record Summary(long id, String slug, String kind, String titleVi, String titleEn, String summaryVi,
            String summaryEn, Named category, List<String> tags, Instant publishedAt, String docNumber, String docType,
            String issuer, LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place) {
    }

    /** An attached file. */
    public record FileInfo(long id, String name, String contentType, long size) {
    }

    /** A published item in full; bodies are sanitised HTML. */
    public record PublicItem(long id, String slug, String kind, String titleVi, String titleEn, String summaryVi,
            String summaryEn, Named category, List<String> tags, Instant publishedAt, String docNumber, String docType,
            String issuer, LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place,
            String bodyVi, String bodyEn, List<FileInfo> files, Instant updatedAt) {
    }

    /** An item in the editors' list. */
    public record StaffSummary(long id, String slug, String kind, String status, String titleVi, String titleEn,
            Named category, Instant publishedAt, Instant publishAt, Instant updatedAt, String updatedBy, long version,
            String docNumber, LocalDate eventDate) {
    }

    /** An item in full for editors, with the fields whose HTML the last save cleaned. */
    public record StaffItem(long id, String slug, String kind, String status, String titleVi, String titleEn,
            String summaryVi, String summaryEn, Named category, List<String> tags, String docNumber, String docType,
            String issuer, LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place,
            String bodyVi, String bodyEn, List<FileInfo> files, Instant publishAt, Instant publishedAt,
            String reviewNote, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, long version,
            List<String> sanitised) {
    }

    /** What an editor sends to create or change an item; dates as yyyy-mm-dd. */
    public record ItemInput(String kind, String slug, String titleVi, String titleEn, String summaryVi,
            String summaryEn, String bodyVi, String bodyEn, String category, List<String> tags, String docNumber,
            String docType, String issuer, String issuedOn, String eventDate, String person, String orgBody,
            String place, Long version) {
    }

    /** A workflow action's input: a note, and for publish an optional time (ISO instant). */
    public record ActionInput(String note, String publishAt) {
    }

    /** One entry of an item's revision history. */
    public record Revision(int rev, String status, String change, String author, Instant at, String note) {
    }

    /** The home page: latest content of each kind and the installed plugins' figures. */
    public record Home(List<Summary> articles, List<Summary> documents, List<Summary> activities,
            List<FigureGroup> figures) {
    }

    /** One plugin's figures on the home page. */
    public record FigureGroup(String id, String titleVi, String titleEn, String href,
            List<org.mekong.core.spi.OverviewFigure> figures) {
    }

    /** Filter values for the public lists. */
    public record Facets(List<Named> categories, List<Named> docTypes, List<String> issuers, List<Integer> years,
            List<String> tags) {
    }

    /** Option lists for the editors' form. */
    public record Options(List<String> kinds, List<String> statuses, List<Named> docTypes, List<Named> categories) {
    }
}

package org.mekong.feedback.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.mekong.core.api.orgunit.OrgUnit;

/** What the feedback services take and answer (JSON over REST, mapped for SOAP and Open311). */
public final class Views {
    private Views() {
    }

    /** An org unit as shown with an item. */
    public record UnitRef(String code, String nameVi, String nameEn) {
        static UnitRef of(OrgUnit u) {
            return u == null ? null : new UnitRef(u.code(), u.nameVi(), u.nameEn());
        }
    }

    /** One attached file as sent: name, declared type and base64 content. */
    public record AttachmentInput(String name, String contentType, String data) {
    }

    /** A new item from any channel. */
    public record Submission(String senderType, String senderName, String senderEmail, String senderPhone,
            String organisation, String title, String content, String orgUnit, String category, String field,
            List<AttachmentInput> attachments, Double lat, Double lon, String address) {
    }

    /**
     * What the sender gets back: the secret tracking code (only the sender has it) and the public
     * id the item is listed under.
     */
    public record Receipt(String code, String publicId, String status, Instant receivedAt, String trackUrl) {
    }

    public record HistoryEntry(Instant at, String status, String actor, String note) {
    }

    public record AttachmentInfo(Long id, String name, String contentType, long size) {
    }

    public record Note(Instant at, String author, String text) {
    }

    public record Suggestion(String category, Double categoryScore, String field, Double fieldScore) {
    }

    public record Duplicate(String code, String title, String status, double similarity) {
    }

    /**
     * The sender's own status view, opened by the tracking code: the sender's text with personal
     * data masked, status, dates and the answer; no internal notes, no other item's code.
     */
    public record TrackView(String code, String publicId, String title, String content, String status, String category, String field,
            UnitRef orgUnit, UnitRef responsibleUnit, Instant receivedAt, LocalDate deadline, boolean overdue,
            String answer, Instant answeredAt, Instant publishedAt, String rejectReason, String mergedInto,
            List<AttachmentInfo> attachments, List<HistoryEntry> history) {
    }

    /** The staff view: everything. */
    public record ItemView(String code, String publicId, String title, String content, String status, String category, String field,
            UnitRef orgUnit, UnitRef responsibleUnit, Instant receivedAt, LocalDate deadline, boolean overdue,
            String answer, String answeredBy, Instant answeredAt, Instant publishedAt, String rejectReason,
            String mergedInto, List<String> merged, String senderType, String senderName, String senderEmail,
            String senderPhone, String organisation, String senderUser, String channel, String senderCategory,
            String senderField, Suggestion suggestion, UnitRef route, List<Duplicate> duplicates, List<Note> notes,
            List<HistoryEntry> history, List<AttachmentInfo> attachments, String publicTitle, String publicContent,
            Double lat, Double lon, String address, long version) {
    }

    /** One line of the staff list. */
    public record ItemSummary(String code, String publicId, String title, String status, String category, String field,
            UnitRef orgUnit, UnitRef responsibleUnit, Instant receivedAt, LocalDate deadline, boolean overdue,
            String channel, String senderType) {
    }

    /** A published answer, under its public id (never the tracking code). */
    public record PublishedView(String publicId, String title, String content, String category, String field,
            UnitRef orgUnit, UnitRef responsibleUnit, Instant receivedAt, Instant answeredAt, Instant publishedAt,
            String answer) {
    }

    /** A routing rule. */
    public record Route(String field, String place, String unit) {
    }

    public record Option(String code, String nameVi, String nameEn, Integer deadlineDays) {
    }

    public record Limits(int titleMin, int titleMax, int contentMin, int contentMax, int attachmentsMax,
            long attachmentMaxBytes, List<String> attachmentTypes, int ratePerMinute) {
    }

    public record Options(List<Option> categories, List<Option> fields, List<String> senderTypes, Limits limits) {
    }
}

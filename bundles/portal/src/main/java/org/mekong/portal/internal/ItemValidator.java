package org.mekong.portal.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.TextFolding;
import org.mekong.portal.internal.Views.ItemInput;
import org.mekong.portal.internal.Vocab.DocType;
import org.mekong.portal.internal.Vocab.Kind;
import org.mekong.portal.internal.Vocab.Named;

/** Checks and cleans what an editor sends (an item, a time, an enum value, a slug), naming the field at fault. */
final class ItemValidator {
    static final int TITLE_MAX = 300;
    static final int SUMMARY_MAX = 1000;
    static final int BODY_MAX = 200_000;
    static final int TAGS_MAX = 10;
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");

    /** A checked, cleaned ItemInput. */
    record Clean(Kind kind, String slug, String titleVi, String titleEn, String summaryVi, String summaryEn,
            String bodyVi, String bodyEn, String category, String tags, String docNumber, String docType,
            String issuer, LocalDate issuedOn, LocalDate eventDate, String person, String orgBody, String place,
            List<String> sanitised) {
    }

    private ItemValidator() {
    }

    static Clean check(ItemInput in, Kind existing, Map<String, Named> cats) {
        List<ErrorDetail> errors = new ArrayList<>();
        Kind kind = existing;
        if (existing == null) {
            if (in.kind() == null || in.kind().isBlank()) {
                errors.add(new ErrorDetail("kind", "required: one of " + Arrays.toString(Kind.values())));
            } else {
                try {
                    kind = Kind.valueOf(in.kind().trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add(new ErrorDetail("kind", "one of " + Arrays.toString(Kind.values())));
                }
            }
        } else if (in.kind() != null && !in.kind().isBlank() && !in.kind().trim().equalsIgnoreCase(existing.name())) {
            errors.add(new ErrorDetail("kind", "cannot change from " + existing + "; create a new item instead"));
        }
        String slug = null;
        if (in.slug() != null && !in.slug().isBlank()) {
            slug = in.slug().trim();
            if (slug.length() > 120 || !SLUG.matcher(slug).matches()) {
                errors.add(new ErrorDetail("slug", "lower-case letters, digits and single hyphens, at most 120 "
                        + "characters (e.g. ra-mat-ba-nen-tang)"));
            }
        }
        String titleVi = text(errors, "titleVi", in.titleVi(), TITLE_MAX, true);
        if (titleVi != null && titleVi.length() < 3) {
            errors.add(new ErrorDetail("titleVi", "at least 3 characters"));
        }
        String titleEn = text(errors, "titleEn", in.titleEn(), TITLE_MAX, false);
        String summaryVi = text(errors, "summaryVi", in.summaryVi(), SUMMARY_MAX, false);
        String summaryEn = text(errors, "summaryEn", in.summaryEn(), SUMMARY_MAX, false);
        List<String> sanitised = new ArrayList<>();
        String bodyVi = html(errors, sanitised, "bodyVi", in.bodyVi());
        String bodyEn = html(errors, sanitised, "bodyEn", in.bodyEn());
        if (kind == Kind.ARTICLE && bodyVi == null && !errors.stream().anyMatch(e -> "bodyVi".equals(e.field()))) {
            errors.add(new ErrorDetail("bodyVi", "an article needs its Vietnamese text"));
        }
        String category = null;
        if (in.category() != null && !in.category().isBlank()) {
            category = in.category().trim();
            if (!cats.containsKey(category)) {
                errors.add(new ErrorDetail("category", "unknown; one of " + cats.keySet()));
            }
        }
        String tags = null;
        if (in.tags() != null && !in.tags().isEmpty()) {
            Set<String> clean = new LinkedHashSet<>();
            for (String t : in.tags()) {
                String x = t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
                if (x.isEmpty()) {
                    continue;
                }
                if (x.length() > 40 || x.contains(",") || CONTROL.matcher(x).find()) {
                    errors.add(new ErrorDetail("tags", "each tag at most 40 characters, without commas: '" + t + "'"));
                } else {
                    clean.add(x);
                }
            }
            if (clean.size() > TAGS_MAX) {
                errors.add(new ErrorDetail("tags", "at most " + TAGS_MAX + " tags"));
            }
            tags = clean.isEmpty() ? null : "," + String.join(",", clean) + ",";
        }
        String docNumber = text(errors, "docNumber", in.docNumber(), 60, kind == Kind.DOCUMENT);
        String docType = null;
        if (in.docType() != null && !in.docType().isBlank()) {
            try {
                docType = DocType.valueOf(in.docType().trim().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                errors.add(new ErrorDetail("docType", "one of " + Arrays.toString(DocType.values())));
            }
        } else if (kind == Kind.DOCUMENT) {
            errors.add(new ErrorDetail("docType", "required for a document: one of " + Arrays.toString(DocType.values())));
        }
        String issuer = text(errors, "issuer", in.issuer(), 200, kind == Kind.DOCUMENT);
        LocalDate issuedOn = date(errors, "issuedOn", in.issuedOn(), kind == Kind.DOCUMENT);
        LocalDate eventDate = date(errors, "eventDate", in.eventDate(), kind == Kind.ACTIVITY);
        String person = text(errors, "person", in.person(), 200, false);
        String orgBody = text(errors, "orgBody", in.orgBody(), 200, false);
        String place = text(errors, "place", in.place(), 200, false);
        if (kind == Kind.ACTIVITY && person == null && orgBody == null) {
            errors.add(new ErrorDetail("person", "an activity needs the person or the body (orgBody) it is about"));
        }
        if (kind != null && kind != Kind.DOCUMENT) {
            docNumber = null;
            docType = null;
            issuer = null;
            issuedOn = null;
        }
        if (kind != null && kind != Kind.ACTIVITY) {
            eventDate = null;
            person = null;
            orgBody = null;
            place = null;
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The item has " + errors.size() + " problem(s)", errors);
        }
        return new Clean(kind, slug, titleVi, titleEn, summaryVi, summaryEn, bodyVi, bodyEn, category, tags, docNumber,
                docType, issuer, issuedOn, eventDate, person, orgBody, place, sanitised);
    }

    private static String text(List<ErrorDetail> errors, String field, String value, int max, boolean required) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new ErrorDetail(field, "required"));
            }
            return null;
        }
        if (v.length() > max) {
            errors.add(new ErrorDetail(field, "at most " + max + " characters (" + v.length() + " given)"));
        }
        if (CONTROL.matcher(v).find()) {
            errors.add(new ErrorDetail(field, "contains control characters"));
        }
        return v;
    }

    private static String html(List<ErrorDetail> errors, List<String> sanitised, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > BODY_MAX) {
            errors.add(new ErrorDetail(field, "at most " + BODY_MAX + " characters of HTML (" + value.length()
                    + " given)"));
            return null;
        }
        String clean = Sanitiser.clean(value);
        if (Sanitiser.changed(value)) {
            sanitised.add(field);
        }
        if (clean == null || (Sanitiser.text(clean).isBlank() && !clean.contains("<img"))) {
            return null;
        }
        return clean;
    }

    private static LocalDate date(List<ErrorDetail> errors, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new ErrorDetail(field, "required (yyyy-mm-dd)"));
            }
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new ErrorDetail(field, "a date as yyyy-mm-dd, e.g. 2025-07-02"));
            return null;
        }
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e2) {
                throw InvalidInputException.field(field, "a time such as 2026-12-01T08:00:00Z or 2026-12-01T15:00:00+07:00");
            }
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field(field, "one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A URL slug from a title: folded to ASCII, words joined by hyphens, at most 80 characters. */
    static String slugOf(String title) {
        String folded = TextFolding.fold(title == null ? "" : title).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (folded.length() > 80) {
            folded = folded.substring(0, 80).replaceAll("-[^-]*$", "");
        }
        return folded.isEmpty() ? "item" : folded;
    }
}

package org.mekong.feedback.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.mekong.core.api.InvalidInputException;

/** The fixed vocabularies of the feedback plugin, with their Vietnamese and English names. */
public final class Vocab {
    private Vocab() {
    }

    /** What kind of feedback an item is. */
    public enum Category {
        DIFFICULTY("Khó khăn, vướng mắc", "Difficulty or obstacle"),
        POLICY_PROPOSAL("Kiến nghị chính sách", "Policy proposal"),
        INITIATIVE("Sáng kiến, giải pháp", "Initiative or solution"),
        ADMIN_PROCEDURE("Thủ tục hành chính", "Administrative procedure"),
        OTHER("Khác", "Other");

        public final String nameVi;
        public final String nameEn;

        Category(String nameVi, String nameEn) {
            this.nameVi = nameVi;
            this.nameEn = nameEn;
        }
    }

    /** The field of Resolution 57 an item is about. */
    public enum Field {
        SCIENCE_TECHNOLOGY("Khoa học, công nghệ", "Science and technology"),
        INNOVATION("Đổi mới sáng tạo", "Innovation"),
        DIGITAL_TRANSFORMATION("Chuyển đổi số", "Digital transformation"),
        OTHER("Lĩnh vực khác", "Other field");

        public final String nameVi;
        public final String nameEn;

        Field(String nameVi, String nameEn) {
            this.nameVi = nameVi;
            this.nameEn = nameEn;
        }
    }

    /** Processing status. */
    public enum Status {
        RECEIVED, CLASSIFIED, ASSIGNED, IN_PROGRESS, ANSWERED, PUBLISHED, REJECTED, MERGED;

        public boolean isResolved() {
            return this == ANSWERED || this == PUBLISHED;
        }

        /** No further processing: resolved, rejected or merged. */
        public boolean isClosed() {
            return isResolved() || this == REJECTED || this == MERGED;
        }
    }

    public enum SenderType {
        ANONYMOUS, PERSON, ORGANISATION
    }

    public enum Channel {
        WEB, REST, SOAP, OPEN311
    }

    /** Parses an optional enum value; blank is null, anything unknown a 400 naming the allowed values. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.field(field, "'" + value + "' is not one of " + names(type));
        }
    }

    public static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}

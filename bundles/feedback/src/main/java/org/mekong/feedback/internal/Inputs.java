package org.mekong.feedback.internal;

import java.util.List;

import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;

/** Input checks shared by intake, workflow, routing and the inbox; every problem names its field. */
final class Inputs {
    /** Bounds of a search text (as the portal's search): longer ones are refused with a 400 naming q. */
    static final int Q_MAX_CHARS = 200;
    static final int Q_MAX_WORDS = 30;

    private Inputs() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<ErrorDetail> problems) {
        try {
            return Vocab.parse(type, field, value);
        } catch (InvalidInputException e) {
            problems.addAll(e.details());
            return null;
        }
    }

    /** Trimmed text or null when blank. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static void length(List<ErrorDetail> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new ErrorDetail(field, "is longer than " + max + " characters"));
        }
    }

    /** Required text between min and max characters, without control characters other than line breaks and tabs. */
    static String text(List<ErrorDetail> problems, String field, String value, int min, int max) {
        String t = clean(value);
        if (t == null) {
            problems.add(new ErrorDetail(field, "is required"));
            return null;
        }
        if (t.codePointCount(0, t.length()) < min) {
            problems.add(new ErrorDetail(field, "is too short: at least " + min + " characters"));
        } else if (t.length() > max) {
            problems.add(new ErrorDetail(field, "is too long: at most " + max + " characters (got " + t.length() + ")"));
        } else if (t.chars().anyMatch(ch -> ch < 32 && ch != '\n' && ch != '\r' && ch != '\t')) {
            problems.add(new ErrorDetail(field, "contains control characters"));
        }
        return t;
    }

    /** A search text within {@link #Q_MAX_CHARS} characters and {@link #Q_MAX_WORDS} words, else a 400 naming q. */
    static String boundedQuery(String q) {
        String t = q.strip();
        if (t.length() > Q_MAX_CHARS) {
            throw InvalidInputException.field("q", "at most " + Q_MAX_CHARS + " characters (got " + t.length() + ")");
        }
        if (t.split("\\s+").length > Q_MAX_WORDS) {
            throw InvalidInputException.field("q", "at most " + Q_MAX_WORDS + " words");
        }
        return t;
    }
}

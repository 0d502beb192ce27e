package org.mekong.core.api;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one check of every uploaded file (monitoring evidence, feedback attachments, portal files):
 * by the file name's extension, by the declared content type, by the content's first bytes, and by
 * what the content holds: office documents are zips whose parts are inspected (no executables,
 * scripts or macros; bounded entry count, size and compression ratio, see {@code OfficeContainer}),
 * PDFs and images must carry no HTML, script or PDF actions ({@code ActiveContent}). Anything else
 * is refused with a 400 naming the field; files over the limit with a 413.
 */
public final class FileType {
    /** Extension -> canonical content type. */
    public static final Map<String, String> TYPES = Map.of("pdf", "application/pdf", "png", "image/png", "jpg",
            "image/jpeg", "jpeg", "image/jpeg", "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "txt", "text/plain", "csv", "text/csv",
            "odt", "application/vnd.oasis.opendocument.text", "ods", "application/vnd.oasis.opendocument.spreadsheet");

    private FileType() {
    }

    /** The accepted extensions, sorted, with a leading dot. */
    public static Set<String> extensions(Set<String> allowed) {
        Set<String> out = new TreeSet<>();
        allowed.forEach(e -> out.add("." + e));
        return out;
    }

    /**
     * Checks one file and answers its canonical content type.
     *
     * @param field the field name used in error details (e.g. {@code attachments[2]})
     * @param allowed the accepted extensions (keys of {@link #TYPES})
     */
    public static String check(String field, String fileName, String declaredType, byte[] bytes, long maxBytes,
            Set<String> allowed) {
        if (fileName == null || fileName.isBlank() || fileName.length() > 255 || fileName.contains("/")
                || fileName.contains("\\") || fileName.chars().anyMatch(ch -> ch < 32)) {
            throw InvalidInputException.field(field + ".name", "a plain file name of at most 255 characters is required");
        }
        String ext = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
                : "";
        String expected = allowed.contains(ext) ? TYPES.get(ext) : null;
        if (expected == null) {
            throw InvalidInputException.field(field + ".name", "type '." + ext + "' is not accepted; allowed: "
                    + extensions(allowed));
        }
        String declared = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!declared.isEmpty() && !declared.equals(expected) && !declared.equals("application/octet-stream")) {
            throw InvalidInputException.field(field + ".contentType", "'" + declared + "' does not match a ." + ext
                    + " file (expected " + expected + ")");
        }
        if (bytes == null || bytes.length == 0) {
            throw InvalidInputException.field(field, "the file is empty");
        }
        if (bytes.length > maxBytes) {
            throw new PayloadTooLargeException("'" + fileName + "' is larger than the limit of " + maxBytes / (1024 * 1024)
                    + " MiB");
        }
        if (!magicMatches(ext, bytes)) {
            throw InvalidInputException.field(field, "the content of '" + fileName + "' is not a ." + ext + " file");
        }
        String refused = switch (ext) {
            case "pdf", "png", "jpg", "jpeg" -> ActiveContent.problem(ext, bytes);
            case "docx", "xlsx" -> OfficeContainer.problem(bytes, false);
            case "odt", "ods" -> OfficeContainer.problem(bytes, true);
            default -> null;
        };
        if (refused != null) {
            throw InvalidInputException.field(field, "'" + fileName + "' is refused: " + refused);
        }
        return expected;
    }

    private static boolean magicMatches(String ext, byte[] b) {
        return switch (ext) {
            case "pdf" -> starts(b, '%', 'P', 'D', 'F');
            case "png" -> starts(b, 0x89, 'P', 'N', 'G');
            case "jpg", "jpeg" -> starts(b, 0xFF, 0xD8, 0xFF);
            case "docx", "xlsx", "odt", "ods" -> starts(b, 'P', 'K', 3, 4);
            case "txt", "csv" -> isText(b);
            default -> false;
        };
    }

    /** No NUL bytes in the first 8 KiB: not a binary disguised as text. */
    private static boolean isText(byte[] b) {
        for (int i = 0; i < Math.min(b.length, 8192); i++) {
            if (b[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}

package org.mekong.core.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Looks inside an OOXML (docx, xlsx) or ODF (odt, ods) file, which is a zip: every entry must look like
 * a part of such a document (no executables, scripts or macros, no path tricks), the central directory
 * must list the same entries as the stream, and reading stops at bounds on the entry count, the total
 * uncompressed size and the compression ratio, so a zip bomb is refused after at most the bound is
 * inflated. Answers the problem in a sentence, or null when the container is acceptable.
 */
final class OfficeContainer {
    static final int MAX_ENTRIES = 2000;
    static final long MAX_TOTAL_BYTES = 100L * 1024 * 1024;
    static final int MAX_RATIO = 100;
    /** Below this much inflated content the ratio does not matter (small XML compresses very well). */
    static final long RATIO_FLOOR_BYTES = 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_\\-\\[\\]().,+ ]+(/[A-Za-z0-9_\\-\\[\\]().,+ ]+)*/?$");
    /** Extensions of the parts Office and ODF writers produce: markup, relationships, pictures, fonts. */
    private static final Set<String> PART_TYPES = Set.of("xml", "rels", "vml", "png", "jpg", "jpeg", "gif", "bmp", "tif",
            "tiff", "emf", "wmf", "svg", "jfif", "webp", "odttf", "fntdata", "ttf", "otf", "rdf", "txt");
    /** Names that carry macros or active content whatever their extension. */
    private static final Pattern ACTIVE = Pattern.compile("(?i).*(vbaproject|vbadata|activex|macros?/|basic/|scripts/|"
            + "oleobject).*");
    /** A workbook or document embedded for a chart: inspected in turn, one level deep. */
    private static final Pattern EMBEDDED = Pattern.compile("(?i)^(word|xl|ppt)/embeddings/[^/]+\\.(xlsx|docx|pptx)$");
    /** Printer settings are opaque but harmless binary parts Office adds. */
    private static final Pattern PRINTER_SETTINGS = Pattern.compile("(?i)^(word|xl|ppt)/printerSettings/printerSettings\\d+\\.bin$");

    private OfficeContainer() {
    }

    /** Null when the container holds only document parts within the bounds, else what is wrong. */
    static String problem(byte[] zip, boolean odf) {
        return problem(zip, odf, 0);
    }

    private static String problem(byte[] zip, boolean odf, int depth) {
        Set<String> names = new HashSet<>();
        long total = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                if (names.size() >= MAX_ENTRIES) {
                    return "it holds more than " + MAX_ENTRIES + " entries";
                }
                if (!names.add(name)) {
                    return "it holds the entry '" + name + "' twice";
                }
                boolean embedded = depth == 0 && !odf && EMBEDDED.matcher(name).matches();
                String wrong = embedded ? null : nameProblem(name, odf);
                if (wrong != null) {
                    return wrong;
                }
                ByteArrayOutputStream inner = embedded ? new ByteArrayOutputStream() : null;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (inner != null) {
                        inner.write(buffer, 0, n);
                    }
                    if (total > MAX_TOTAL_BYTES) {
                        return "it unpacks to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB";
                    }
                    if (total > RATIO_FLOOR_BYTES && total > (long) MAX_RATIO * zip.length) {
                        return "it is compressed more than " + MAX_RATIO + ":1 (a zip bomb)";
                    }
                }
                String innerProblem = inner == null ? null : problem(inner.toByteArray(), false, depth + 1);
                if (innerProblem != null) {
                    return "its embedded '" + name + "' is refused: " + innerProblem;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return "it is not a readable zip container (" + e.getMessage() + ")";
        }
        if (names.isEmpty()) {
            return "it is an empty or unreadable zip container";
        }
        if (odf ? !names.contains("mimetype") || !names.contains("META-INF/manifest.xml")
                : !names.contains("[Content_Types].xml")) {
            return "it lacks the " + (odf ? "mimetype and META-INF/manifest.xml" : "[Content_Types].xml")
                    + " every such document has";
        }
        Set<String> listed = CentralDirectory.names(zip);
        if (listed == null || !listed.equals(names)) {
            return "its central directory does not list the same entries as its content";
        }
        return null;
    }

    private static String nameProblem(String name, boolean odf) {
        if (name.isEmpty() || name.length() > 300 || name.startsWith("/") || name.contains("\\") || name.contains("..")
                || !NAME.matcher(name).matches()) {
            return "it holds an entry with an unsafe name '" + name + "'";
        }
        if (ACTIVE.matcher(name).matches()) {
            return "it holds macros or embedded objects ('" + name + "')";
        }
        if (name.endsWith("/")) {
            return null;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (odf && "mimetype".equals(name)) {
            return null;
        }
        String ext = base.contains(".") ? base.substring(base.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (PART_TYPES.contains(ext) || PRINTER_SETTINGS.matcher(name).matches()) {
            return null;
        }
        return "it holds '" + name + "', which is not a part of a document (executables, scripts and other files "
                + "are not accepted inside)";
    }
}

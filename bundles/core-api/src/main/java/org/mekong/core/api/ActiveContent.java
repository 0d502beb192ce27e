package org.mekong.core.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds active content in PDFs and images: HTML a browser would sniff in the first KiB (a polyglot
 * served back to a reader), HTML or script anywhere in a PDF, and the PDF actions that run code,
 * launch programs or carry files (names compared after decoding {@code #xx} escapes, as PDF readers
 * do), also inside compressed streams (an object stream holds whole dictionaries), which are inflated
 * up to a bound. Answers the problem in a sentence, or null.
 */
final class ActiveContent {
    static final int SNIFF_BYTES = 1024;
    static final long MAX_INFLATED_BYTES = 64L * 1024 * 1024;
    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENDSTREAM = "endstream".getBytes(StandardCharsets.US_ASCII);
    /** Longer than any name we look for with its #xx escapes: kept between inflated chunks. */
    private static final int CARRY = 256;
    /** Tags that make a browser treat bytes as HTML (lower case; compared case-insensitively). */
    private static final List<String> HTML_MARKERS = List.of("<!doctype", "<html", "<head", "<body", "<script", "<iframe",
            "<svg", "<object", "<embed", "<meta", "<style", "<title", "<a href", "<img", "<table", "<div", "<form");
    private static final List<String> PDF_MARKUP = List.of("<html", "<script");
    private static final Set<String> PDF_ACTIVE_NAMES = Set.of("JavaScript", "JS", "Launch", "EmbeddedFile",
            "EmbeddedFiles", "RichMedia");

    private ActiveContent() {
    }

    /** For pdf, png, jpg and jpeg: null when nothing active was found. */
    static String problem(String ext, byte[] b) {
        String head = lower(b, 0, Math.min(b.length, SNIFF_BYTES));
        for (String marker : HTML_MARKERS) {
            if (head.contains(marker)) {
                return "it carries HTML ('" + marker + "') in its first " + SNIFF_BYTES + " bytes";
            }
        }
        if (!"pdf".equals(ext)) {
            return null;
        }
        String all = lower(b, 0, b.length);
        for (String marker : PDF_MARKUP) {
            if (all.contains(marker)) {
                return "it carries HTML or script ('" + marker + "')";
            }
        }
        String name = activeName(b);
        return name != null ? "it carries active content (/" + name + ")" : inStreams(b);
    }

    /** Active names inside the file's compressed streams; streams that do not inflate are skipped. */
    static String inStreams(byte[] b) {
        long total = 0;
        byte[] chunk = new byte[64 * 1024];
        int at = 0;
        while ((at = indexOf(b, STREAM, at)) >= 0) {
            int start = at + STREAM.length;
            if (start < b.length && b[start] == '\r') {
                start++;
            }
            if (start < b.length && b[start] == '\n') {
                start++;
            }
            if (start == at + STREAM.length) { // not followed by an end of line: not the keyword
                at = start;
                continue;
            }
            int end = indexOf(b, ENDSTREAM, start);
            end = end < 0 ? b.length : end;
            at = end + ENDSTREAM.length;
            Inflater inflater = new Inflater();
            inflater.setInput(b, start, end - start);
            byte[] window = new byte[0];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(chunk);
                    if (n == 0) {
                        break;
                    }
                    total += n;
                    if (total > MAX_INFLATED_BYTES) {
                        return "its compressed streams unpack to more than " + MAX_INFLATED_BYTES / (1024 * 1024) + " MiB";
                    }
                    byte[] scan = Arrays.copyOf(window, window.length + n);
                    System.arraycopy(chunk, 0, scan, window.length, n);
                    String name = activeName(scan);
                    if (name != null) {
                        return "it carries active content (/" + name + ") in a compressed stream";
                    }
                    window = Arrays.copyOfRange(scan, Math.max(0, scan.length - CARRY), scan.length);
                }
            } catch (DataFormatException notFlate) {
                // an image or another filter: nothing to read here
            } finally {
                inflater.end();
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, byte[] word, int from) {
        outer:
        for (int i = Math.max(0, from); i + word.length <= b.length; i++) {
            for (int k = 0; k < word.length; k++) {
                if (b[i + k] != word[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The first PDF name token that is an active one, after #xx decoding; null when there is none. The
     * whole file is scanned, stream data included (a reader may parse what a skipping scan would not
     * see); the short {@code /JS} counts only where a value follows it (white space, {@code ( < [ /}), which
     * keeps chance matches in compressed binary data rare.
     */
    static String activeName(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != '/') {
                continue;
            }
            StringBuilder name = new StringBuilder();
            int j = i + 1;
            while (j < b.length && regular(b[j]) && name.length() < 64) {
                if (b[j] == '#' && j + 2 < b.length && hex(b[j + 1]) >= 0 && hex(b[j + 2]) >= 0) {
                    name.append((char) (hex(b[j + 1]) * 16 + hex(b[j + 2])));
                    j += 3;
                } else {
                    name.append((char) (b[j] & 0xFF));
                    j++;
                }
            }
            String n = name.toString();
            if (PDF_ACTIVE_NAMES.contains(n) && (!"JS".equals(n) || j < b.length && " \t\r\n\f(<[/".indexOf(b[j]) >= 0)) {
                return n;
            }
            i = j - 1;
        }
        return null;
    }

    /** PDF's regular characters: not white space, not a delimiter. */
    private static boolean regular(byte c) {
        return c > 32 && c < 127 && "()<>[]{}/%".indexOf(c) < 0;
    }

    private static int hex(byte c) {
        return Character.digit((char) c, 16);
    }

    private static String lower(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }
}

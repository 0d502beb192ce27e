package org.mekong.web.api;

import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;

import javax.ws.rs.core.Response;

import com.opencsv.CSVWriter;

/**
 * Tables as CSV downloads for REST resources (UTF-8 with a byte-order mark so spreadsheet programs
 * read Vietnamese); {@link #wanted} reads a {@code format=json|csv} parameter. Every text cell that a
 * spreadsheet would run as a formula ({@code = + - @}, tab or carriage return first) is written with
 * a leading apostrophe (OWASP's CSV injection advice); numbers stay numbers.
 */
public final class Csv {
    private Csv() {
    }

    public static <T> Response of(String fileName, List<String> header, List<T> rows, Function<T, List<Object>> columns) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVWriter w = new CSVWriter(out)) {
            w.writeNext(header.toArray(String[]::new));
            for (T row : rows) {
                w.writeNext(columns.apply(row).stream().map(Csv::cell).toArray(String[]::new));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Response.ok(out.toString(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    /** The text of one cell, neutralised when a spreadsheet would read it as a formula. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        if (value instanceof Number || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }

    public static boolean wanted(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return false;
        }
        if (format.equalsIgnoreCase("csv")) {
            return true;
        }
        throw org.mekong.core.api.InvalidInputException.field("format", "json or csv");
    }
}

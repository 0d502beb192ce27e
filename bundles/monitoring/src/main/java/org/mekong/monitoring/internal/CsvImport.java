package org.mekong.monitoring.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.WriteMode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;

/**
 * CSV upload of data values: header {@code indicator,orgUnit,period,value[,comment][,version]} in
 * any order. The whole file is checked first and written in one all-or-nothing batch; every
 * problem is reported as {@code row N, column NAME} (the header is row 1): bad cells as a 400,
 * conflicts with stored values (existing, stale or locked values) as a 409 naming every row.
 */
@Component(service = CsvImport.class)
public class CsvImport {
    static final List<String> REQUIRED = List.of("indicator", "orgUnit", "period", "value");
    static final List<String> OPTIONAL = List.of("comment", "version");
    private static final Pattern INDEX = Pattern.compile("values\\[(\\d+)]\\.?(\\w*)");

    private final DataValueService values;

    @Activate
    public CsvImport(@Reference DataValueService values) {
        this.values = values;
    }

    /**
     * Checks and writes the file in one batch in the given mode ({@link WriteMode#UPSERT}: sending the
     * same file again changes nothing); under an idempotency key the first answer is kept and given
     * again for the same file (see {@link DataValueService#writeBatch(Caller, List, WriteMode, String)}).
     */
    public BatchResult upload(Caller caller, String csv, WriteMode mode, String idempotencyKey) {
        caller.require();
        if (csv == null || csv.isBlank()) {
            throw InvalidInputException.field("row 1", "the file is empty: a header row is required ("
                    + String.join(",", REQUIRED) + ",comment)");
        }
        List<String[]> rows;
        try (CSVReader reader = new CSVReader(new StringReader(csv.startsWith("\uFEFF") ? csv.substring(1) : csv))) {
            rows = reader.readAll();
        } catch (IOException | CsvException e) {
            throw InvalidInputException.field("file", "not readable as CSV: " + e.getMessage());
        }
        String[] header = rows.get(0);
        Map<String, Integer> col = new HashMap<>();
        List<ErrorDetail> problems = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].trim();
            String known = null;
            for (String k : concat(REQUIRED, OPTIONAL)) {
                if (k.equalsIgnoreCase(name)) {
                    known = k;
                }
            }
            if (known == null) {
                problems.add(new ErrorDetail("row 1, column " + (i + 1), "unknown column '" + name + "'; expected "
                        + concat(REQUIRED, OPTIONAL)));
            } else if (col.putIfAbsent(known, i) != null) {
                problems.add(new ErrorDetail("row 1, column " + name, "appears twice"));
            }
        }
        for (String r : REQUIRED) {
            if (!col.containsKey(r)) {
                problems.add(new ErrorDetail("row 1, column " + r, "the column is missing"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The header is not right; nothing was stored", problems);
        }
        List<DataValueInput> inputs = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int line = r + 1;
            if (row.length == 1 && row[0].isBlank()) {
                continue;
            }
            if (row.length != header.length) {
                problems.add(new ErrorDetail("row " + line, "has " + row.length + " columns, the header has " + header.length));
                continue;
            }
            Double value = number(row, col.get("value"), line, "value", problems);
            Double version = col.containsKey("version") ? number(row, col.get("version"), line, "version", problems) : null;
            if (version != null && (version != Math.rint(version) || version < 1)) {
                problems.add(new ErrorDetail("row " + line + ", column version", "must be a whole number from 1"));
            }
            inputs.add(new DataValueInput(cell(row, col.get("indicator")), cell(row, col.get("orgUnit")),
                    cell(row, col.get("period")), value, col.containsKey("comment") ? cell(row, col.get("comment")) : null,
                    version == null ? null : version.longValue()));
            rowOf.add(line);
        }
        if (inputs.isEmpty() && problems.isEmpty()) {
            problems.add(new ErrorDetail("row 2", "the file has no data rows"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The file has " + problems.size() + " problem(s); nothing was stored", problems);
        }
        try {
            return values.writeBatch(caller, inputs, mode == null ? WriteMode.STRICT : mode, idempotencyKey);
        } catch (InvalidInputException e) {
            List<ErrorDetail> mapped = e.details().stream().map(d -> new ErrorDetail(where(d.field(), rowOf), d.problem()))
                    .toList();
            throw new InvalidInputException("The file has " + mapped.size() + " problem(s); nothing was stored", mapped);
        } catch (ConflictException e) {
            // A conflict with stored values stays a 409, with every conflicting row named.
            List<ErrorDetail> mapped = e.details().isEmpty()
                    ? List.of(new ErrorDetail(where(messageField(e.getMessage()), rowOf),
                            e.getMessage().replaceFirst("^values\\[\\d+]\\.", "")))
                    : e.details().stream().map(d -> new ErrorDetail(where(d.field(), rowOf), d.problem())).toList();
            throw new ConflictException(mapped.size() + " row(s) of the file conflict with stored values; nothing was "
                    + "stored (first " + mapped.get(0).field() + ": " + mapped.get(0).problem() + ")", mapped);
        }
    }

    private static String messageField(String message) {
        Matcher m = INDEX.matcher(message);
        return m.find() ? m.group(0) : "";
    }

    /** values[i].field -> row N, column field. */
    private static String where(String field, List<Integer> rowOf) {
        Matcher m = INDEX.matcher(field == null ? "" : field);
        if (!m.find()) {
            return field;
        }
        int i = Integer.parseInt(m.group(1));
        String column = m.group(2).isEmpty() ? "value" : m.group(2);
        return "row " + (i < rowOf.size() ? rowOf.get(i) : i + 2) + ", column " + column;
    }

    private static String cell(String[] row, int i) {
        String s = row[i].trim();
        return s.isEmpty() ? null : s;
    }

    private static Double number(String[] row, int i, int line, String name, List<ErrorDetail> problems) {
        String s = row[i].trim();
        if (s.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(s.replace(',', '.'));
        } catch (NumberFormatException e) {
            problems.add(new ErrorDetail("row " + line + ", column " + name, "'" + s + "' is not a number"));
            return null;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

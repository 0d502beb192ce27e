package org.mekong.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mekong.benchmark.BenchHttp.ADMIN;
import static org.mekong.benchmark.BenchHttp.log;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * SQL statements per dashboard request, counted by Derby itself: this boot runs with
 * {@code derby.language.logStatementText}, which writes every statement Derby executes to its log,
 * so the count covers everything (JPA, JDBC, every plugin) and needs nothing in the product. Logging
 * slows Derby down, which is why latency is measured in {@link OverviewBenchmarkIT}, on a boot without
 * it. Table in {@code target/benchmark-statements.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OverviewStatementsIT {
    private static final int REQUESTS = 10;

    @Configuration
    public Option[] config() {
        String log = new File(System.getProperty("project.build.directory", "target"), "derby-statements.log")
                .getAbsolutePath();
        List<Option> options = BenchmarkKaraf.options("benchmark-statements.md", List.of());
        options.add(vmOption("-Dderby.language.logStatementText=true"));
        options.add(vmOption("-Dderby.stream.error.file=" + log));
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("bench.derbyLog").value(log));
        return options.toArray(Option[]::new);
    }

    private final BenchHttp http = new BenchHttp();

    @Test
    public void statementsPerRequest() throws Exception {
        http.awaitServer();
        File log = new File(System.getProperty("bench.derbyLog"));
        assertTrue("Derby writes its statement log to " + log, log.isFile());
        // The warning engine runs its rules some seconds after the demo data is loaded: let it finish.
        awaitQuiet(log);
        List<String[]> rows = new ArrayList<>();
        for (String[] call : List.of(
                new String[] { "national overview, anonymous", "/api/monitoring/overview?orgUnit=VN", null },
                new String[] { "national overview, admin", "/api/monitoring/overview?orgUnit=VN", ADMIN },
                new String[] { "province overview (Huế, 40 communes), anonymous", "/api/monitoring/overview?orgUnit=HUE", null },
                new String[] { "national rankings, anonymous", "/api/monitoring/rankings?orgUnit=VN", null })) {
            // warm-up: caches filled, statements compiled
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.get(call[1], call[2]).status());
            }
            // computed: each request after the shared result (at most a second old) has expired
            awaitQuiet(log);
            long before = log.length();
            for (int i = 0; i < REQUESTS; i++) {
                Thread.sleep(1_100);
                assertEquals(200, http.get(call[1], call[2]).status());
            }
            awaitQuiet(log);
            double computed = count(log, before) / (double) REQUESTS;
            // read back to back, as many readers do: most are answered from the shared result
            before = log.length();
            for (int i = 0; i < REQUESTS; i++) {
                assertEquals(200, http.get(call[1], call[2]).status());
            }
            awaitQuiet(log);
            double shared = count(log, before) / (double) REQUESTS;
            rows.add(new String[] { call[0], String.format(Locale.ROOT, "%.1f", computed),
                String.format(Locale.ROOT, "%.1f", shared) });
            log("%s: %.1f statements per computed request, %.1f back to back", call[0], computed, shared);
        }
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "SQL statements per request (Derby's "
                + "statement log, %d requests each after a warm-up; computed: 1.1 s apart, so none is served from "
                + "the shared result; back to back: one after another; the baseline is one query).%n%n"
                + "| request | statements, computed | statements, back to back | baseline | target |%n"
                + "|---|---:|---:|---:|---|%n", REQUESTS));
        for (String[] r : rows) {
            table.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" | 1 | ")
                    .append(r[0].startsWith("national overview") ? "< 30" : "").append(" |\n");
        }
        System.out.println(table);
        Files.writeString(new File(System.getProperty("bench.out")).toPath(), table, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("bench.enforce")) {
            assertTrue(table.toString(), Double.parseDouble(rows.get(0)[1]) < 30);
        }
    }

    /** Waits until Derby has executed nothing for 3 s (at most 120 s), so only the measured requests count. */
    private static void awaitQuiet(File log) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        long length = log.length();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < 3_000_000_000L) {
            Thread.sleep(250);
            if (log.length() != length) {
                length = log.length();
                quietSince = System.nanoTime();
            }
        }
    }

    /** Statements Derby logged as executed since {@code from} (a byte offset of its log). */
    private static int count(File log, long from) throws Exception {
        byte[] bytes;
        try (RandomAccessFile f = new RandomAccessFile(log, "r")) {
            bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int n = 0;
        for (String marker : List.of("Executing prepared statement:", "Executing statement:")) {
            for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
                n++;
            }
        }
        return n;
    }
}

package org.mekong.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.vmOption;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.management.ObjectName;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The monitoring benchmark: boots the real distribution (as the integration tests do) and measures
 * <ol>
 * <li>bulk import of 1,000,000 data values through {@code POST /api/datavalues/batch} (batches of
 * 10,000, one and two client threads) against a raw JDBC batch insert of as many rows of the same
 * shape into the same table (batch 1,000, commit every 10,000);</li>
 * <li>the national rollup of one indicator over 3,400 communes x 36 months through
 * {@code GET /api/monitoring/rollup} (from the aggregate rows) against the equivalent GROUP BY over
 * DATA_VALUE on the same DataSource; the two answers must agree.</li>
 * </ol>
 * The test runs inside the Karaf JVM, so the HTTP client shares the machine (and the JVM) with the
 * server; the JDBC baseline has no such client. The table is printed and written to
 * {@code target/benchmark.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MonitoringBenchmarkIT {
    static final String[] PROVINCES = { "HA-NOI", "HUE", "HAI-PHONG", "DA-NANG", "HO-CHI-MINH", "CAN-THO", "LAI-CHAU",
        "DIEN-BIEN", "SON-LA", "LANG-SON", "QUANG-NINH", "THANH-HOA", "NGHE-AN", "HA-TINH", "CAO-BANG", "TUYEN-QUANG",
        "LAO-CAI", "THAI-NGUYEN", "PHU-THO", "BAC-NINH", "HUNG-YEN", "NINH-BINH", "QUANG-TRI", "QUANG-NGAI", "GIA-LAI",
        "KHANH-HOA", "LAM-DONG", "DAK-LAK", "DONG-NAI", "TAY-NINH", "VINH-LONG", "DONG-THAP", "CA-MAU", "AN-GIANG" };
    static final String FROM = "202301";
    static final String TO = "202512";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Filter(value = "(osgi.jndi.service.name=mekongds)", timeout = 120_000)
    private DataSource ds;

    // ------------------------------------------------------------------ container (driver side)

    @Configuration
    public Option[] config() {
        List<Option> options = BenchmarkKaraf.options("benchmark.md", List.of("bench.units", "bench.values",
                "bench.values2", "bench.batch", "bench.rollupCalls", "bench.sqlRuns", "bench.profile", "bench.heap",
                "bench.warnings", "bench.rules"));
        options.add(vmOption("-Xms" + System.getProperty("bench.heap", "4g")));
        return options.toArray(Option[]::new);
    }

    // ------------------------------------------------------------------ the benchmark (container side)

    private final int units = Integer.getInteger("bench.units", 3400);
    private final int values = Integer.getInteger("bench.values", 1_000_000);
    private final int values2 = Integer.getInteger("bench.values2", 1_000_000);
    private final int batch = Integer.getInteger("bench.batch", 10_000);
    private final int rollupCalls = Integer.getInteger("bench.rollupCalls", 200);
    private final int sqlRuns = Integer.getInteger("bench.sqlRuns", 50);
    private final boolean profile = Boolean.getBoolean("bench.profile");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String admin = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + BenchmarkKaraf.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final List<String> periods = months(FROM, TO);
    private String[] unitCodes;
    private String[] unitPaths;
    private final StringBuilder notes = new StringBuilder();

    @Test
    public void benchmark() throws Exception {
        awaitServer();
        log("Mekong benchmark: %,d units, %,d values, batches of %,d, %d periods %s..%s", units, values, batch,
                periods.size(), FROM, TO);

        long t = System.nanoTime();
        createUnits();
        double unitSeconds = seconds(t);
        log("created %,d communes in %.1f s", units, unitSeconds);
        int indicatorsNeeded = (int) Math.ceil((double) Math.max(values, values2) / ((long) units * periods.size()));
        createIndicators("BENCH-R", indicatorsNeeded);
        if (values2 > 0) {
            createIndicators("BENCH-S", indicatorsNeeded);
        }

        boolean warningsOff = "off".equalsIgnoreCase(System.getProperty("bench.warnings", "on"));
        if (warningsOff) {
            setComponentEnabled("org.mekong.monitoring.internal.WarningEngine", false);
            notes.append("- The warning engine was switched off (scr:disable) during the imports (-Dbench.warnings=off).\n");
        }

        // warm-up of both paths (JIT, connection pool, table files), not timed
        int warm = Math.min(20_000, values);
        int warmIndicators = (int) Math.ceil((double) warm / ((long) units * periods.size()));
        createIndicators("BENCH-W", warmIndicators);
        jdbcImport("BENCH-X", warm);
        restImport("BENCH-W", warm, 1);
        Quiet afterWarmUp = awaitWarningEngineIdle();
        log("warm-up done (%,d values each way); the warning engine then ran %.1f s more", warm, afterWarmUp.busySeconds());

        // (a) bulk import: the baseline first, into the table holding only the demo data
        Import jdbc = jdbcImport("BENCH-J", values);
        log("JDBC baseline: %,d rows in %.1f s = %,.0f values/s", values, jdbc.seconds, jdbc.rate());
        assertEquals(values, countRows("BENCH-J%"));

        Import rest1 = restImport("BENCH-R", values, 1);
        log("REST, 1 thread: %,d values in %.1f s = %,.0f values/s", values, rest1.seconds, rest1.rate());
        assertEquals(values, rest1.created);
        assertEquals(values, countRows("BENCH-R%"));
        Quiet afterRest1 = awaitWarningEngineIdle();

        Import rest2 = null;
        Quiet afterRest2 = null;
        if (values2 > 0) {
            rest2 = restImport("BENCH-S", values2, 2);
            log("REST, 2 threads: %,d values in %.1f s = %,.0f values/s", values2, rest2.seconds, rest2.rate());
            assertEquals(values2, rest2.created);
            assertEquals(values2, countRows("BENCH-S%"));
            afterRest2 = awaitWarningEngineIdle();
        }

        if (warningsOff) {
            setComponentEnabled("org.mekong.monitoring.internal.WarningEngine", true);
            awaitServer();
            awaitWarningEngineIdle();
        }

        // (b) national rollup of one fully loaded indicator: 3,400 units x 36 months
        String indicator = "BENCH-R01";
        Map<String, double[]> expected = rawRollup(indicator);
        assertEquals(periods.size(), expected.size());
        for (double[] sc : expected.values()) {
            assertEquals("every unit has a value in every period", units, (long) sc[1]);
        }
        String rollupPath = "/api/monitoring/rollup?indicator=" + indicator + "&orgUnit=VN&from=" + FROM + "&to=" + TO;
        for (int i = 0; i < 20; i++) {
            checkRollup(get(rollupPath), expected);
        }
        double[] restMs = new double[rollupCalls];
        for (int i = 0; i < rollupCalls; i++) {
            long s = System.nanoTime();
            Reply r = get(rollupPath);
            restMs[i] = (System.nanoTime() - s) / 1e6;
            if (i % 50 == 0) {
                checkRollup(r, expected);
            } else {
                assertEquals(r.body, 200, r.status);
            }
        }
        checkRollup(get(rollupPath), expected);
        for (int i = 0; i < 5; i++) {
            rawRollup(indicator);
        }
        double[] sqlMs = new double[sqlRuns];
        for (int i = 0; i < sqlRuns; i++) {
            long s = System.nanoTime();
            Map<String, double[]> again = rawRollup(indicator);
            sqlMs[i] = (System.nanoTime() - s) / 1e6;
            assertEquals(expected.size(), again.size());
        }
        Arrays.sort(restMs);
        Arrays.sort(sqlMs);
        log("rollup REST p50 %.2f ms p95 %.2f ms; raw SQL p50 %.1f ms p95 %.1f ms", pct(restMs, 50), pct(restMs, 95),
                pct(sqlMs, 50), pct(sqlMs, 95));

        long openWarnings = get("/api/warnings?status=OPEN&limit=1").json().path("total").asLong(-1);
        if (Boolean.getBoolean("bench.rules")) {
            timeWarningRules();
        }
        String table = report(unitSeconds, jdbc, rest1, rest2, afterRest1, afterRest2, restMs, sqlMs, openWarnings);
        System.out.println();
        System.out.println(table);
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.writeString(new File(out).toPath(), table, StandardCharsets.UTF_8);
            System.out.println("(written to " + out + ")");
        }
        if (Boolean.getBoolean("bench.enforce")) {
            assertTrue("REST import below half the JDBC rate", rest1.rate() / jdbc.rate() >= 0.5);
            assertTrue("REST rollup p95 above twice the raw SQL p95", pct(restMs, 95) / pct(sqlMs, 95) <= 2);
            assertTrue("REST rollup p95 not below 100 ms", pct(restMs, 95) < 100);
        }
    }

    // ------------------------------------------------------------------ setup

    private void awaitServer() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        String missing = "everything";
        while (System.nanoTime() < deadline) {
            try {
                Reply doc = call("GET", "/api/openapi.json", null);
                if (doc.status == 200) {
                    JsonNode paths = doc.json().path("paths");
                    missing = java.util.stream.Stream.of("/orgunits", "/indicators", "/datavalues/batch",
                            "/monitoring/rollup", "/warnings").filter(p -> !paths.has(p)).findFirst().orElse(null);
                    if (missing == null && get("/api/orgunits/HUE").status == 200) {
                        return;
                    }
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        fail("The server did not come up within 180 s; missing: " + missing);
    }

    private void createUnits() throws Exception {
        unitCodes = new String[units];
        unitPaths = new String[units];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < units; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String code = String.format(Locale.ROOT, "BENCH-C%04d", n + 1);
                    Map<String, Object> unit = new LinkedHashMap<>();
                    unit.put("code", code);
                    unit.put("nameVi", "Xã thử nghiệm " + (n + 1));
                    unit.put("nameEn", "Benchmark commune " + (n + 1));
                    unit.put("level", "COMMUNE");
                    unit.put("parentCode", PROVINCES[n % PROVINCES.length]);
                    Reply r = call("POST", "/api/orgunits", JSON.writeValueAsBytes(unit));
                    assertEquals(r.body, 201, r.status);
                    unitCodes[n] = code;
                    unitPaths[n] = r.json().path("path").asText();
                    assertEquals("/VN/" + PROVINCES[n % PROVINCES.length] + "/" + code + "/", unitPaths[n]);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void createIndicators(String prefix, int n) throws Exception {
        for (int i = 1; i <= n; i++) {
            Map<String, Object> ind = new LinkedHashMap<>();
            ind.put("code", indicatorCode(prefix, i - 1));
            ind.put("nameVi", "Chỉ tiêu đo hiệu năng " + prefix + i);
            ind.put("nameEn", "Benchmark indicator " + prefix + i);
            ind.put("layer", "OPERATIONAL");
            ind.put("unit", "count");
            ind.put("periodicity", "MONTHLY");
            ind.put("direction", "HIGHER_IS_BETTER");
            ind.put("greenThreshold", 50.0);
            ind.put("redThreshold", 10.0);
            Reply r = call("POST", "/api/indicators", JSON.writeValueAsBytes(ind));
            assertEquals(r.body, 201, r.status);
        }
    }

    // ------------------------------------------------------------------ the data layout

    /** Key k: indicator k / (units x periods), then unit, then period (periods vary fastest). */
    private String indicatorCode(String prefix, long indicatorIndex) {
        return String.format(Locale.ROOT, "%s%02d", prefix, indicatorIndex + 1);
    }

    private int unitOf(long k) {
        return (int) ((k / periods.size()) % units);
    }

    private String periodOf(long k) {
        return periods.get((int) (k % periods.size()));
    }

    private long indicatorOf(long k) {
        return k / ((long) units * periods.size());
    }

    /** Whole numbers 11..1000: valid counts, never red by the thresholds. */
    private static int valueOf(long k) {
        return 11 + (int) Math.floorMod(k * 7919 + 13, 990L);
    }

    // ------------------------------------------------------------------ (a) import

    /** An import run: elapsed time, what the server said, CPU by thread group meanwhile. */
    static final class Import {
        final String what;
        final long values;
        final double seconds;
        final long created;
        final double[] batchMs;
        final Map<String, Double> cpu;
        final double processCpu;
        final double gcSeconds;
        final String profile;

        Import(String what, long values, double seconds, long created, double[] batchMs, Map<String, Double> cpu,
                double processCpu, double gcSeconds, String profile) {
            this.what = what;
            this.values = values;
            this.seconds = seconds;
            this.created = created;
            this.batchMs = batchMs;
            this.cpu = cpu;
            this.processCpu = processCpu;
            this.gcSeconds = gcSeconds;
            this.profile = profile;
        }

        double rate() {
            return values / seconds;
        }
    }

    private Import jdbcImport(String prefix, int n) throws Exception {
        String sql = "INSERT INTO DATA_VALUE (INDICATOR_CODE, ORGUNIT_CODE, PERIOD, NUM_VALUE, VALUE_COMMENT, STATE, "
                + "REASON, VERSION, UPDATED_BY, UPDATED_AT, ORGUNIT_PATH, DEPTH, CREATED_BY, CREATED_AT) "
                + "VALUES (?, ?, ?, ?, ?, 'DRAFT', NULL, 1, ?, ?, ?, ?, ?, ?)";
        CpuMeter meter = new CpuMeter();
        double[] commitMs = new double[(n + 9_999) / 10_000];
        long start = System.nanoTime();
        Thread worker = new Thread(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    Timestamp ts = Timestamp.from(Instant.now());
                    long chunkStart = System.nanoTime();
                    for (int k = 0; k < n; k++) {
                        int u = unitOf(k);
                        ps.setString(1, indicatorCode(prefix, indicatorOf(k)));
                        ps.setString(2, unitCodes[u]);
                        ps.setString(3, periodOf(k));
                        ps.setDouble(4, valueOf(k));
                        ps.setString(5, null);
                        ps.setString(6, "admin");
                        ps.setTimestamp(7, ts);
                        ps.setString(8, unitPaths[u]);
                        ps.setInt(9, 3);
                        ps.setString(10, "admin");
                        ps.setTimestamp(11, ts);
                        ps.addBatch();
                        if ((k + 1) % 1_000 == 0 || k + 1 == n) {
                            ps.executeBatch();
                        }
                        if ((k + 1) % 10_000 == 0 || k + 1 == n) {
                            c.commit();
                            commitMs[k / 10_000] = (System.nanoTime() - chunkStart) / 1e6;
                            chunkStart = System.nanoTime();
                            ts = Timestamp.from(Instant.now());
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                CLIENT_CPU.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }
        }, "bench-client-jdbc");
        AtomicLong failed = new AtomicLong();
        worker.setUncaughtExceptionHandler((th, e) -> {
            failed.incrementAndGet();
            e.printStackTrace();
        });
        worker.start();
        worker.join();
        double seconds = seconds(start);
        assertEquals("JDBC baseline failed", 0, failed.get());
        return meter.finish("JDBC batch insert", n, seconds, n, commitMs, null);
    }

    private Import restImport(String prefix, int n, int threads) throws Exception {
        int batches = (n + batch - 1) / batch;
        double[] batchMs = new double[batches];
        AtomicInteger next = new AtomicInteger();
        AtomicLong created = new AtomicLong();
        Sampler sampler = profile ? new Sampler() : null;
        CpuMeter meter = new CpuMeter();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(() -> {
            try {
                r.run();
            } finally {
                CLIENT_CPU.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }
        }, "bench-client-http"));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < batches;) {
                        long from = (long) b * batch;
                        long to = Math.min(n, from + batch);
                        byte[] body = batchBody(prefix, from, to);
                        long s = System.nanoTime();
                        Reply r = call("POST", "/api/datavalues/batch", body);
                        batchMs[b] = (System.nanoTime() - s) / 1e6;
                        if (r.status != 200) {
                            throw new AssertionError("batch " + b + ": " + r);
                        }
                        JsonNode j = r.json();
                        assertEquals(r.body, 0, j.path("updated").asLong());
                        created.addAndGet(j.path("created").asLong());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = seconds(start);
        String profiled = sampler == null ? null : sampler.stop();
        return meter.finish("REST batch, " + threads + " thread" + (threads == 1 ? "" : "s"), n, seconds,
                created.get(), batchMs, profiled);
    }

    private byte[] batchBody(String prefix, long from, long to) {
        StringBuilder sb = new StringBuilder((int) (to - from) * 96 + 16);
        sb.append("{\"values\":[");
        for (long k = from; k < to; k++) {
            if (k > from) {
                sb.append(',');
            }
            sb.append("{\"indicator\":\"").append(indicatorCode(prefix, indicatorOf(k)))
                    .append("\",\"orgUnit\":\"").append(unitCodes[unitOf(k)])
                    .append("\",\"period\":\"").append(periodOf(k))
                    .append("\",\"value\":").append(valueOf(k)).append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private long countRows(String like) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM DATA_VALUE WHERE INDICATOR_CODE LIKE ?")) {
            ps.setString(1, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ------------------------------------------------------------------ (b) rollup

    /** period -> {sum, count} by scan and GROUP BY over the subtree of VN. */
    private Map<String, double[]> rawRollup(String indicator) throws Exception {
        Map<String, double[]> out = new TreeMap<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT PERIOD, SUM(NUM_VALUE), COUNT(*) FROM DATA_VALUE "
                        + "WHERE INDICATOR_CODE = ? AND ORGUNIT_PATH LIKE '/VN/%' AND PERIOD BETWEEN ? AND ? "
                        + "GROUP BY PERIOD")) {
            ps.setString(1, indicator);
            ps.setString(2, FROM);
            ps.setString(3, TO);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new double[] { rs.getDouble(2), rs.getLong(3) });
                }
            }
        }
        return out;
    }

    /** The REST rollup must give the raw SQL's sum and count in every period (a sum indicator: value = sum). */
    private void checkRollup(Reply r, Map<String, double[]> expected) {
        assertEquals(r.body, 200, r.status);
        JsonNode j = r.json();
        assertEquals("SUM", j.path("aggregation").asText());
        JsonNode points = j.path("points");
        assertEquals(periods.size(), points.size());
        for (JsonNode p : points) {
            double[] sc = expected.get(p.path("period").asText());
            assertTrue("no raw value for " + p, sc != null);
            assertEquals("count " + p, (long) sc[1], p.path("count").asLong());
            assertEquals("sum " + p, sc[0], p.path("sum").asDouble(), 0);
            assertEquals("value " + p, sc[0], p.path("value").asDouble(), 0);
        }
    }

    // ------------------------------------------------------------------ the warning engine

    /** How long the warning engine kept running after a phase, and its CPU time then. */
    record Quiet(double busySeconds, double cpuSeconds) {
    }

    /** Waits until the "mekong-warnings" thread has been idle for 2 s (its debounce is 3 s). */
    private Quiet awaitWarningEngineIdle() throws Exception {
        long start = System.nanoTime();
        double cpu0 = threadCpu("mekong-warnings");
        Thread.sleep(4_000);
        int idle = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (idle < 8 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            boolean running = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                    .anyMatch(t -> t.getThreadName().equals("mekong-warnings")
                            && t.getThreadState() == Thread.State.RUNNABLE || t.getThreadName().equals("mekong-warnings")
                            && t.getThreadState() == Thread.State.BLOCKED);
            idle = running ? 0 : idle + 1;
        }
        return new Quiet(seconds(start) - 2.0, threadCpu("mekong-warnings") - cpu0);
    }

    private static double threadCpu(String name) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double s = 0;
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti != null && ti.getThreadName().equals(name)) {
                s += Math.max(0, mx.getThreadCpuTime(ti.getThreadId())) / 1e9;
            }
        }
        return s;
    }

    /** Runs every registered warning rule once, directly, and notes how long each took over the data now stored. */
    private void timeWarningRules() throws Exception {
        org.osgi.framework.BundleContext bc = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
        long rows = countRows("%");
        notes.append(String.format(Locale.ROOT, "- Each warning rule run once over %,d data values (-Dbench.rules=true):", rows));
        for (org.osgi.framework.ServiceReference<?> ref : bc.getServiceReferences("org.mekong.core.spi.WarningRule", null)) {
            Object rule = bc.getService(ref);
            try {
                ClassLoader cl = rule.getClass().getClassLoader();
                Class<?> api = cl.loadClass("org.mekong.core.spi.WarningRule");
                Class<?> ctxType = cl.loadClass("org.mekong.core.spi.WarningContext");
                Object ctx = java.lang.reflect.Proxy.newProxyInstance(cl, new Class<?>[] { ctxType }, (proxy, m, args) ->
                        switch (m.getName()) {
                            case "today" -> java.time.LocalDate.now();
                            case "setting" -> args[1];
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "bench-context";
                        });
                long t0 = System.nanoTime();
                List<?> findings = (List<?>) api.getMethod("check", ctxType).invoke(rule, ctx);
                notes.append(String.format(Locale.ROOT, " %s %.1f s (%,d findings);", api.getMethod("id").invoke(rule),
                        seconds(t0), findings == null ? 0 : findings.size()));
            } finally {
                bc.ungetService(ref);
            }
        }
        notes.append('\n');
    }

    /** scr:enable / scr:disable of one component, through the ServiceComponentRuntime service (by reflection). */
    private void setComponentEnabled(String name, boolean enabled) throws Exception {
        org.osgi.framework.BundleContext bc = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
        org.osgi.framework.ServiceReference<?> ref = bc
                .getServiceReference("org.osgi.service.component.runtime.ServiceComponentRuntime");
        Object scr = bc.getService(ref);
        ClassLoader loader = scr.getClass().getClassLoader();
        Class<?> api = loader.loadClass("org.osgi.service.component.runtime.ServiceComponentRuntime");
        Class<?> dtoType = loader.loadClass("org.osgi.service.component.runtime.dto.ComponentDescriptionDTO");
        for (Object dto : (java.util.Collection<?>) api.getMethod("getComponentDescriptionDTOs",
                org.osgi.framework.Bundle[].class).invoke(scr, (Object) new org.osgi.framework.Bundle[0])) {
            if (name.equals(dtoType.getField("name").get(dto))) {
                Object promise = api.getMethod(enabled ? "enableComponent" : "disableComponent", dtoType).invoke(scr, dto);
                loader.loadClass("org.osgi.util.promise.Promise").getMethod("getValue").invoke(promise);
                bc.ungetService(ref);
                return;
            }
        }
        fail("no component " + name);
    }

    // ------------------------------------------------------------------ CPU accounting and sampling

    /** CPU time of finished benchmark client threads (a dead thread's CPU time can no longer be read). */
    static final AtomicLong CLIENT_CPU = new AtomicLong();

    /** CPU seconds by thread group between construction and finish(), plus process CPU and GC time. */
    final class CpuMeter {
        private final long client0 = CLIENT_CPU.get();
        private final Map<Long, Long> before = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();
        private final double process0 = processCpu();
        private final double gc0 = gcSeconds();

        CpuMeter() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            for (long id : mx.getAllThreadIds()) {
                before.put(id, Math.max(0, mx.getThreadCpuTime(id)));
            }
        }

        Import finish(String what, long n, double seconds, long created, double[] batchMs, String profiled) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<String, Double> cpu = new TreeMap<>();
            for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (ti == null) {
                    continue;
                }
                long used = Math.max(0, mx.getThreadCpuTime(ti.getThreadId())) - before.getOrDefault(ti.getThreadId(), 0L);
                names.put(ti.getThreadId(), ti.getThreadName());
                cpu.merge(group(ti.getThreadName()), used / 1e9, Double::sum);
            }
            cpu.merge(group("bench-client"), (CLIENT_CPU.get() - client0) / 1e9, Double::sum);
            cpu.values().removeIf(v -> v < 0.05);
            return new Import(what, n, seconds, created, batchMs, cpu, processCpu() - process0, gcSeconds() - gc0,
                    profiled);
        }
    }

    static String group(String thread) {
        if (thread.startsWith("qtp")) {
            return "server request threads (Jetty)";
        }
        if (thread.startsWith("bench-client")) {
            return "benchmark client (JSON build, HTTP send / JDBC)";
        }
        if (thread.startsWith("HttpClient")) {
            return "benchmark HTTP client I/O";
        }
        if (thread.equals("mekong-warnings")) {
            return "warning engine (mekong-warnings)";
        }
        if (thread.toLowerCase(Locale.ROOT).contains("derby")) {
            return "Derby daemons";
        }
        return "other";
    }

    static double processCpu() {
        try {
            Object v = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime");
            return ((Number) v).longValue() / 1e9;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static double gcSeconds() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0, g.getCollectionTime()))
                .sum() / 1e3;
    }

    /**
     * A poor man's profiler: every 20 ms, the stacks of the server threads inside a JAX-RS request
     * and of the warning engine. Counts what the request threads were doing (on CPU, waiting for a
     * Derby lock, in file I/O, ...), and for the samples on CPU the top frame's package, the
     * innermost Mekong method and the innermost frame outside the JDK.
     */
    static final class Sampler {
        private final Map<String, Integer> state = new ConcurrentHashMap<>();
        private final Map<String, Integer> warnings = new ConcurrentHashMap<>();
        private final Map<String, Integer> topPackage = new ConcurrentHashMap<>();
        private final Map<String, Integer> mekongFrame = new ConcurrentHashMap<>();
        private final Map<String, Integer> libraryFrame = new ConcurrentHashMap<>();
        private final AtomicInteger samples = new AtomicInteger();
        private final AtomicInteger onCpu = new AtomicInteger();
        private final AtomicInteger ticks = new AtomicInteger();
        private volatile boolean running = true;
        private final Thread thread;

        Sampler() {
            thread = new Thread(this::run, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] watched = {};
            long refreshed = 0;
            while (running) {
                if (System.nanoTime() - refreshed > 1_000_000_000L) {
                    // only the request threads and the warning engine: a full thread dump per tick would slow the server
                    watched = Arrays.stream(mx.getThreadInfo(mx.getAllThreadIds())).filter(t -> t != null
                            && (t.getThreadName().startsWith("qtp") || t.getThreadName().equals("mekong-warnings")))
                            .mapToLong(ThreadInfo::getThreadId).toArray();
                    refreshed = System.nanoTime();
                }
                ticks.incrementAndGet();
                for (ThreadInfo ti : mx.getThreadInfo(watched, 200)) {
                    if (ti == null) {
                        continue;
                    }
                    StackTraceElement[] st = ti.getStackTrace();
                    if (ti.getThreadName().equals("mekong-warnings")) {
                        warnings.merge(classify(ti, st), 1, Integer::sum);
                        continue;
                    }
                    if (!ti.getThreadName().startsWith("qtp")
                            || Arrays.stream(st).noneMatch(f -> f.getClassName().startsWith("org.apache.cxf"))) {
                        continue; // not in a JAX-RS request
                    }
                    samples.incrementAndGet();
                    String what = classify(ti, st);
                    state.merge(what, 1, Integer::sum);
                    if (!what.startsWith("RUNNABLE")) {
                        continue;
                    }
                    onCpu.incrementAndGet();
                    topPackage.merge(pkg(st[0].getClassName()), 1, Integer::sum);
                    mekongFrame.merge(Arrays.stream(st).filter(f -> f.getClassName().startsWith("org.mekong"))
                            .map(Sampler::name).findFirst().orElse("(none: CXF, JSON, Jetty)"), 1, Integer::sum);
                    libraryFrame.merge(Arrays.stream(st).filter(f -> !jdk(f.getClassName())).map(Sampler::name)
                            .findFirst().orElse("(JDK only)"), 1, Integer::sum);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static String classify(ThreadInfo ti, StackTraceElement[] st) {
            String top = st.length == 0 ? "" : st[0].getClassName() + "." + st[0].getMethodName();
            boolean derbyLock = Arrays.stream(st).limit(12).anyMatch(f -> f.getClassName().contains("derby.impl.services.locks"));
            if (derbyLock && ti.getThreadState() != Thread.State.RUNNABLE) {
                return "waiting for a Derby lock";
            }
            if (top.startsWith("java.io.FileDescriptor.sync") || top.startsWith("sun.nio.ch.FileDispatcherImpl.force")) {
                return "file sync (log flush, checkpoint)";
            }
            if (top.startsWith("java.io.RandomAccessFile") || top.startsWith("sun.nio.ch.FileDispatcherImpl")) {
                return "file write/read (Derby pages, log)";
            }
            if (Arrays.stream(st).limit(25).anyMatch(f -> f.getClassName().startsWith("org.eclipse.jetty.server.HttpInput")
                    || f.getClassName().startsWith("org.eclipse.jetty.io.FillInterest"))
                    && ti.getThreadState() != Thread.State.RUNNABLE) {
                return "waiting for the request body";
            }
            if (ti.getThreadState() == Thread.State.RUNNABLE) {
                return "RUNNABLE (on CPU or ready)";
            }
            return "other wait (" + ti.getThreadState() + " in " + top + ")";
        }

        private static boolean jdk(String cls) {
            return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.") || cls.startsWith("com.sun.");
        }

        private static String name(StackTraceElement f) {
            return f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName();
        }

        private static String pkg(String cls) {
            String[] p = cls.split("\\.");
            return String.join(".", Arrays.copyOf(p, Math.max(1, Math.min(p.length - 1, cls.startsWith("org.apache") ? 3 : 2))));
        }

        String stop() throws InterruptedException {
            running = false;
            thread.join();
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%,d samples of request threads in %,d ticks (every 20 ms or more); %,d of them RUNNABLE.%n%n",
                    samples.get(), ticks.get(), onCpu.get()));
            section(sb, "Request threads were", state, samples.get(), 10);
            section(sb, "The warning engine thread was", warnings, ticks.get(), 6);
            section(sb, "RUNNABLE: top frame by package", topPackage, onCpu.get(), 10);
            section(sb, "RUNNABLE: innermost Mekong method", mekongFrame, onCpu.get(), 12);
            section(sb, "RUNNABLE: innermost frame outside the JDK", libraryFrame, onCpu.get(), 15);
            return sb.toString();
        }

        private static void section(StringBuilder sb, String title, Map<String, Integer> counts, int n, int limit) {
            sb.append("| ").append(title).append(" | share |\n|---|---:|\n");
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", e.getKey(),
                            100.0 * e.getValue() / Math.max(1, n))));
            sb.append('\n');
        }
    }

    // ------------------------------------------------------------------ report

    private String report(double unitSeconds, Import jdbc, Import rest1, Import rest2, Quiet q1, Quiet q2,
            double[] restMs, double[] sqlMs, long openWarnings) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Mekong monitoring benchmark\n\n");
        sb.append(String.format(Locale.ROOT, "%s; Java %s, %d CPUs, heap %s MiB max; embedded Derby.%n%n",
                Instant.now().toString().substring(0, 19) + "Z", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        sb.append("| measure | Mekong | baseline | ratio | target |\n|---|---:|---:|---:|---|\n");
        double r1 = rest1.rate() / jdbc.rate();
        sb.append(String.format(Locale.ROOT,
                "| Import %,d values, REST batches of %,d, 1 client thread (values/s) | %,.0f | %,.0f (JDBC batch) | %.2f | >= 0.5 %s |%n",
                values, batch, rest1.rate(), jdbc.rate(), r1, met(r1 >= 0.5)));
        if (rest2 != null) {
            sb.append(String.format(Locale.ROOT,
                    "| Import %,d values, REST, 2 client threads (values/s) | %,.0f | %,.0f (JDBC batch) | %.2f | (information) |%n",
                    values2, rest2.rate(), jdbc.rate(), rest2.rate() / jdbc.rate()));
        }
        double rp50 = pct(restMs, 50);
        double rp95 = pct(restMs, 95);
        double sp50 = pct(sqlMs, 50);
        double sp95 = pct(sqlMs, 95);
        String rollup = String.format(Locale.ROOT, "National rollup, %,d units x %d months", units, periods.size());
        sb.append(String.format(Locale.ROOT, "| %s, p50 (ms) | %.2f | %.1f (SQL GROUP BY) | %.3f | |%n", rollup, rp50,
                sp50, rp50 / sp50));
        sb.append(String.format(Locale.ROOT, "| %s, p95 (ms) | %.2f | %.1f (SQL GROUP BY) | %.3f | <= 2 %s |%n", rollup,
                rp95, sp95, rp95 / sp95, met(rp95 / sp95 <= 2)));
        sb.append(String.format(Locale.ROOT, "| REST rollup p95, absolute (ms) | %.2f | | | < 100 %s |%n%n", rp95,
                met(rp95 < 100)));

        sb.append("How to read it: import rates are values per second of wall time for the whole run (REST: client "
                + "builds the JSON, server parses, validates, inserts, maintains the rollup rows and the audit entry, "
                + "commits per batch; JDBC: one PreparedStatement batch of 1,000, commit every 10,000, no validation "
                + "or rollups). Rollup timings are per call, over " + rollupCalls + " REST calls (HTTP included) and "
                + sqlRuns + " SQL runs, after warm-up. The REST and SQL answers were checked to be equal. "
                + "Ratios are Mekong / baseline.\n\n");

        sb.append("### Details\n\n");
        sb.append(String.format(Locale.ROOT, "- %,d communes created over REST (4 threads) in %.1f s.%n", units,
                unitSeconds));
        for (Import im : rest2 == null ? List.of(jdbc, rest1) : List.of(jdbc, rest1, rest2)) {
            double[] sorted = im.batchMs.clone();
            Arrays.sort(sorted);
            sb.append(String.format(Locale.ROOT,
                    "- %s: %,d values in %.1f s; per %s of 10,000: p50 %.0f ms, p95 %.0f ms, max %.0f ms; "
                            + "process CPU %.1f s (%.0f %% of %d CPUs), GC %.1f s. CPU by thread: %s.%n",
                    im.what, im.values, im.seconds, im.what.startsWith("JDBC") ? "commit" : "batch", pct(sorted, 50),
                    pct(sorted, 95), sorted[sorted.length - 1], im.processCpu,
                    100 * im.processCpu / im.seconds / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors(), im.gcSeconds,
                    im.cpu.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                            .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
                            .collect(Collectors.joining(", "))));
        }
        sb.append(String.format(Locale.ROOT,
                "- Warning engine: it runs every rule once the data has been quiet for warnings.after.change.seconds (30 s by default; scheduled runs were switched off). "
                        + "After the 1-thread import it stayed busy %.1f s more (%.1f s CPU)%s; %,d open warnings "
                        + "at the end.%n",
                q1.busySeconds(), q1.cpuSeconds(),
                q2 == null ? "" : String.format(Locale.ROOT, ", after the 2-thread import %.1f s (%.1f s CPU)",
                        q2.busySeconds(), q2.cpuSeconds()),
                openWarnings));
        sb.append(notes);
        for (Import im : rest2 == null ? List.of(rest1) : List.of(rest1, rest2)) {
            if (im.profile != null) {
                sb.append("\n### Profile: ").append(im.what).append("\n\n").append(im.profile);
            }
        }
        return sb.toString();
    }

    private static String met(boolean ok) {
        return ok ? "(met)" : "(MISSED)";
    }

    // ------------------------------------------------------------------ helpers

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    private Reply get(String path) throws Exception {
        return call("GET", path, null);
    }

    private Reply call(String method, String path, byte[] json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:"
                + System.getProperty("mekong.http.port", "8181") + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", admin)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body());
    }

    private static List<String> months(String from, String to) {
        List<String> out = new ArrayList<>();
        int y = Integer.parseInt(from.substring(0, 4));
        int m = Integer.parseInt(from.substring(4));
        while (true) {
            String id = String.format(Locale.ROOT, "%04d%02d", y, m);
            out.add(id);
            if (id.equals(to)) {
                return out;
            }
            if (++m == 13) {
                m = 1;
                y++;
            }
        }
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}

package org.mekong.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mekong.benchmark.BenchHttp.ADMIN;
import static org.mekong.benchmark.BenchHttp.log;
import static org.mekong.benchmark.BenchHttp.pct;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.inject.Inject;
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

/**
 * The national overview as leaders and the public read it (issue 15): the demo data's 34 provinces
 * and central bodies, every indicator, under {@code bench.readers} (20) concurrent anonymous readers of
 * {@code GET /api/monitoring/overview?orgUnit=VN} for {@code bench.seconds} (20) s, against the same
 * readers running one hand-written SQL query that groups the verified values of the last 15 months by
 * indicator, child of VN and period. Then the time from a verify call's answer until the verified value
 * is in the public national overview (of the value's month), {@code bench.visibility} (10) times. Table in
 * {@code target/benchmark-overview.md}; the statements per request come from {@link OverviewStatementsIT}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OverviewBenchmarkIT {
    static final String OVERVIEW = "/api/monitoring/overview?orgUnit=VN";
    /** The hand-written baseline: per indicator, child of VN and period, the sum and count of verified values. */
    static final String BASELINE_SQL = "SELECT INDICATOR_CODE, SUBSTR(ORGUNIT_PATH, 1, LOCATE('/', ORGUNIT_PATH, 5)), "
            + "PERIOD, SUM(NUM_VALUE), COUNT(*) FROM DATA_VALUE WHERE STATE = 'VERIFIED' AND PERIOD_END >= ? AND "
            + "PERIOD_START <= ? AND LOCATE('/', ORGUNIT_PATH, 5) > 0 GROUP BY INDICATOR_CODE, "
            + "SUBSTR(ORGUNIT_PATH, 1, LOCATE('/', ORGUNIT_PATH, 5)), PERIOD";

    @Inject
    @Filter(value = "(osgi.jndi.service.name=mekongds)", timeout = 120_000)
    private DataSource ds;

    @Configuration
    public Option[] config() {
        return BenchmarkKaraf.options("benchmark-overview.md", List.of("bench.readers", "bench.seconds",
                "bench.visibility")).toArray(Option[]::new);
    }

    private final int readers = Integer.getInteger("bench.readers", 20);
    private final int seconds = Integer.getInteger("bench.seconds", 20);
    private final int visibility = Integer.getInteger("bench.visibility", 10);
    private final BenchHttp http = new BenchHttp();

    @Test
    public void nationalOverview() throws Exception {
        http.awaitServer();
        JsonNode first = http.get(OVERVIEW, null).json();
        int indicators = first.get("indicators").size();
        int children = first.get("children").size();
        log("national overview: %d indicators, %d units below VN", indicators, children);
        // warm-up of both paths (JIT, statement caches), not timed
        run(readers, 5, () -> http.get(OVERVIEW, null).status() == 200);
        run(readers, 5, this::baseline);

        Load mekong = run(readers, seconds, () -> http.get(OVERVIEW, null).status() == 200);
        log("overview: %,d requests, p50 %.1f ms, p95 %.1f ms, %d failed", mekong.latencies.length, mekong.p(50),
                mekong.p(95), mekong.failed);
        String token = "Bearer " + http.call("POST", "/api/auth/login", null, Map.of("username", "admin", "password",
                BenchmarkKaraf.ADMIN_PASSWORD)).json().get("token").asText();
        run(readers, 3, () -> http.get(OVERVIEW, token).status() == 200);
        Load staff = run(readers, seconds, () -> http.get(OVERVIEW, token).status() == 200);
        log("overview as staff: %,d requests, p50 %.1f ms, p95 %.1f ms, %d failed", staff.latencies.length,
                staff.p(50), staff.p(95), staff.failed);
        Load sql = run(readers, seconds, this::baseline);
        log("baseline SQL: %,d queries, p50 %.1f ms, p95 %.1f ms", sql.latencies.length, sql.p(50), sql.p(95));

        double[] visible = verifiedToVisible();
        Arrays.sort(visible);
        log("verify -> in the public national overview: median %.0f ms, max %.0f ms", pct(visible, 50),
                visible[visible.length - 1]);

        String table = String.format(Locale.ROOT, "National overview (VN: %d indicators, %d units below), %d concurrent "
                + "anonymous readers, %d s each; Java %s, %d CPUs.%n%n"
                + "| measure | Mekong | baseline (one SQL query) | ratio | target |%n|---|---:|---:|---:|---|%n"
                + "| national overview p50 (ms) | %.1f | %.1f | %.2f | |%n"
                + "| national overview p95 (ms) | %.1f | %.1f | %.2f | < 50 ms |%n"
                + "| requests answered (failed) | %,d (%d) | %,d | | 0 failed |%n"
                + "| national overview as staff (drafts included), p50 / p95 (ms) | %.1f / %.1f | | | |%n"
                + "| verify answered -> value in the public national overview, median / max (ms, %d runs) | %.0f / %.0f | | | < 1,000 |%n",
                indicators, children, readers, seconds, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), mekong.p(50), sql.p(50), mekong.p(50) / sql.p(50),
                mekong.p(95), sql.p(95), mekong.p(95) / sql.p(95), mekong.latencies.length, mekong.failed,
                sql.latencies.length, staff.p(50), staff.p(95), visibility, pct(visible, 50), visible[visible.length - 1]);
        System.out.println(table);
        Files.writeString(new File(System.getProperty("bench.out")).toPath(), table, StandardCharsets.UTF_8);
        assertEquals("overview requests failed", 0, mekong.failed + staff.failed);
        if (Boolean.getBoolean("bench.enforce")) {
            assertTrue("p95 " + mekong.p(95) + " ms", mekong.p(95) < 50);
            assertTrue("visibility " + visible[visible.length - 1] + " ms", visible[visible.length - 1] < 1000);
        }
    }

    private boolean baseline() throws Exception {
        LocalDate today = LocalDate.now();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(BASELINE_SQL)) {
            ps.setDate(1, java.sql.Date.valueOf(today.minusMonths(15)));
            ps.setDate(2, java.sql.Date.valueOf(today));
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                }
            }
            return rows > 0;
        }
    }

    /**
     * A new monthly indicator with no other values; each run a reporter of a new commune enters and
     * submits a value, a verifier verifies it, and the clock runs from the verify answer until the
     * public national overview shows the new national average.
     */
    private double[] verifiedToVisible() throws Exception {
        String code = "BENCH-VISIBLE";
        BenchHttp.Reply created = http.call("POST", "/api/indicators", ADMIN, Map.of("code", code, "nameVi",
                "Chỉ số đo thời gian hiển thị", "nameEn", "Visibility probe", "layer", "OPERATIONAL", "unit", "%",
                "periodicity", "MONTHLY", "direction", "HIGHER_IS_BETTER", "greenThreshold", 80, "redThreshold", 20,
                "aggregation", "AVERAGE"));
        assertEquals(created.toString(), 201, created.status());
        String reporter = user("bench.reporter", "REPORTER", "HUE");
        String verifier = user("bench.verifier", "VERIFIER", "HUE");
        List<JsonNode> communes = new ArrayList<>();
        http.get("/api/orgunits/HUE/children", null).json().forEach(communes::add);
        String period = String.format(Locale.ROOT, "%1$tY%1$tm", LocalDate.now());
        double[] out = new double[visibility];
        double sum = 0;
        for (int i = 0; i < visibility; i++) {
            String unit = communes.get(i).get("code").asText();
            double v = 10 + i * 7;
            sum += v;
            double expected = Math.round(sum / (i + 1) * 1e6) / 1e6;
            assertEquals(200, http.call("PUT", "/api/datavalues", reporter, Map.of("indicator", code, "orgUnit", unit,
                    "period", period, "value", v)).status());
            BenchHttp.Reply submitted = http.call("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", unit,
                    "period", period, "indicators", List.of(code)));
            assertEquals(submitted.toString(), 200, submitted.status());
            BenchHttp.Reply verified = http.call("POST", "/api/datavalues/verify", verifier, Map.of("keys",
                    List.of(Map.of("indicator", code, "orgUnit", unit, "period", period))));
            assertEquals(verified.toString(), 200, verified.status());
            long t0 = System.nanoTime();
            while (true) {
                Double shown = null;
                for (JsonNode c : http.get(OVERVIEW + "&asOf=" + period, null).json().get("indicators")) {
                    if (c.get("code").asText().equals(code) && c.path("value").isNumber()) {
                        shown = Math.round(c.get("value").asDouble() * 1e6) / 1e6;
                    }
                }
                if (shown != null && shown == expected) {
                    break;
                }
                assertTrue("not visible after 30 s", System.nanoTime() - t0 < 30_000_000_000L);
                Thread.sleep(5);
            }
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        return out;
    }

    private String user(String name, String role, String unit) throws Exception {
        String password = name + "-password-1";
        BenchHttp.Reply r = http.call("POST", "/api/users", ADMIN, Map.of("username", name, "displayName", name,
                "password", password, "roles", List.of(role), "orgUnits", List.of(unit)));
        assertEquals(r.toString(), 201, r.status());
        return BenchHttp.basic(name, password);
    }

    /** Latencies of a closed loop of {@code threads} clients for {@code secs} seconds. */
    record Load(double[] latencies, int failed) {
        double p(int percent) {
            return pct(latencies, percent);
        }
    }

    static Load run(int threads, int secs, Callable<Boolean> request) throws Exception {
        long end = System.nanoTime() + secs * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> all = new ArrayList<>();
            int[] failed = new int[1];
            for (int t = 0; t < threads; t++) {
                all.add(pool.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = request.call();
                        } catch (Exception e) {
                            ok = false;
                        }
                        if (ok) {
                            mine.add((System.nanoTime() - t0) / 1e6);
                        } else {
                            synchronized (failed) {
                                failed[0]++;
                            }
                        }
                    }
                    return mine.stream().mapToDouble(Double::doubleValue).toArray();
                }));
            }
            List<Double> merged = new ArrayList<>();
            for (Future<double[]> f : all) {
                for (double d : f.get()) {
                    merged.add(d);
                }
            }
            double[] sorted = merged.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Load(sorted.length == 0 ? new double[] { Double.NaN } : sorted, failed[0]);
        } finally {
            pool.shutdownNow();
        }
    }
}

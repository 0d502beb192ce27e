package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.mekong.core.spi.WarningSeverity;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The monitoring plugin through real HTTP on the real distribution (with its demo data): the data
 * workflow, rollups against hand-computed figures, task status, every warning rule, CSV upload,
 * access refusals, formulas, and live uninstall and reinstall. Each test builds its own fixture:
 * a province of its own with three communes and indicators of its own, so the demo data never
 * changes the expected figures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class MonitoringIT extends MekongTestSupport {

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return distribution(freePort(), true);
    }

    private static volatile boolean monitoringReady;

    /** The plugin starts after the core and loads its demo data first: wait for both. */
    @org.junit.Before
    public void awaitMonitoring() throws Exception {
        if (monitoringReady) {
            return;
        }
        awaitStatus("/api/warnings/rules", 200, Duration.ofSeconds(120));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // The resources register one by one while the whiteboard rebuilds: anything but a JSON 200 is "not yet".
        while (!demoLoaded()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The monitoring demo data did not load within 60 s");
            }
            Thread.sleep(250);
        }
        monitoringReady = true;
    }

    private static boolean demoLoaded() throws Exception {
        Reply r = get("/api/monitoring/tasks?limit=1", admin());
        return r.status() == 200 && r.body().startsWith("{") && r.json().path("total").asInt() > 0;
    }

    /** A province with three communes, a count and a rate indicator, all named after the test. */
    private record Fixture(String province, String a, String b, String c, String count, String rate) {
    }

    private static int fixtures;

    private static Fixture fixture(String name) throws Exception {
        String p = "IT" + (++fixtures) + "-" + name;
        create(Map.of("code", p, "nameVi", "Tỉnh " + p, "nameEn", "Province " + p, "level", "PROVINCE", "parentCode", "VN"));
        for (String c : List.of("A", "B", "C")) {
            create(Map.of("code", p + "-" + c, "nameVi", "Xã " + c, "nameEn", "Commune " + c, "level", "COMMUNE",
                    "parentCode", p));
        }
        String count = p + "-COUNT";
        String rate = p + "-RATE";
        indicator(count, "count", "HIGHER_IS_BETTER", 10, 2, null);
        indicator(rate, "%", "HIGHER_IS_BETTER", 50, 20, null);
        return new Fixture(p, p + "-A", p + "-B", p + "-C", count, rate);
    }

    private static void create(Map<String, Object> unit) throws Exception {
        Reply r = send("POST", "/api/orgunits", admin(), unit);
        assertEquals(r.toString(), 201, r.status());
    }

    private static Reply indicator(String code, String unit, String direction, double green, double red, String formula)
            throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "nameVi", "Chỉ số " + code, "nameEn",
                "Indicator " + code, "layer", "OPERATIONAL", "unit", unit, "periodicity", "MONTHLY", "direction", direction,
                "greenThreshold", green, "redThreshold", red, "source", formula == null ? "MANUAL" : "COMPUTED"));
        if (formula != null) {
            body.put("formula", formula);
        }
        Reply r = send("POST", "/api/indicators", admin(), body);
        if (formula == null) {
            assertEquals(r.toString(), 201, r.status());
        }
        return r;
    }

    private static Map<String, Object> value(String indicator, String unit, String period, double v) {
        return Map.of("indicator", indicator, "orgUnit", unit, "period", period, "value", v);
    }

    private static void put(String auth, String indicator, String unit, String period, double v) throws Exception {
        Reply r = send("PUT", "/api/datavalues", auth, value(indicator, unit, period, v));
        assertEquals(r.toString(), 200, r.status());
    }

    private static JsonNode current(String indicator, String unit, String period) throws Exception {
        JsonNode items = get("/api/datavalues?indicator=" + indicator + "&orgUnit=" + unit + "&period=" + period, admin())
                .json().get("items");
        return items.size() == 0 ? null : items.get(0);
    }

    private static Map<String, Object> key(String indicator, String unit, String period) {
        return Map.of("indicator", indicator, "orgUnit", unit, "period", period);
    }

    // ------------------------------------------------------------------ workflow

    @Test
    public void a_enterSubmitVerifyOrReject() throws Exception {
        Fixture f = fixture("WF");
        String reporter = createUser("wf.reporter", "REPORTER", f.a());
        String verifier = createUser("wf.verifier", "VERIFIER", f.province());
        String verifierBelow = createUser("wf.verifier.a", "VERIFIER", f.a());

        put(reporter, f.rate(), f.a(), "202501", 42);
        assertEquals("DRAFT", current(f.rate(), f.a(), "202501").get("state").asText());
        Reply again = send("PUT", "/api/datavalues", reporter, value(f.rate(), f.a(), "202501", 43));
        assertEquals("no duplicate provision: " + again, 409, again.status());

        Reply submitted = send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", f.a(), "period", "202501"));
        assertEquals(submitted.toString(), 200, submitted.status());
        assertEquals(1, submitted.json().get("submitted").asInt());
        JsonNode completeness = submitted.json().get("completeness");
        assertTrue(completeness.toString(), completeness.get("missing").toString().contains(f.count()));
        assertEquals("SUBMITTED", current(f.rate(), f.a(), "202501").get("state").asText());

        // A submitted value waits for the verifier; the reporter cannot change or verify it.
        Reply change = send("PUT", "/api/datavalues", reporter, Map.of("indicator", f.rate(), "orgUnit", f.a(), "period",
                "202501", "value", 44, "version", current(f.rate(), f.a(), "202501").get("version").asLong()));
        assertEquals(change.toString(), 409, change.status());
        Reply selfVerify = send("POST", "/api/datavalues/verify", reporter, Map.of("keys", List.of(key(f.rate(), f.a(), "202501"))));
        assertEquals(selfVerify.toString(), 403, selfVerify.status());
        Reply ownUnit = send("POST", "/api/datavalues/verify", verifierBelow, Map.of("keys", List.of(key(f.rate(), f.a(), "202501"))));
        assertEquals("a verifier decides on the units below their own: " + ownUnit, 403, ownUnit.status());
        assertEquals("SUBMITTED", current(f.rate(), f.a(), "202501").get("state").asText());

        Reply noReason = send("POST", "/api/datavalues/reject", verifier, Map.of("keys", List.of(key(f.rate(), f.a(), "202501"))));
        assertEquals(noReason.toString(), 400, noReason.status());
        Reply rejected = send("POST", "/api/datavalues/reject", verifier, Map.of("keys", List.of(key(f.rate(), f.a(), "202501")),
                "reason", "Không khớp báo cáo quý"));
        assertEquals(rejected.toString(), 200, rejected.status());
        JsonNode r = current(f.rate(), f.a(), "202501");
        assertEquals("REJECTED", r.get("state").asText());
        assertEquals("Không khớp báo cáo quý", r.get("reason").asText());

        Reply corrected = send("PUT", "/api/datavalues", reporter, Map.of("indicator", f.rate(), "orgUnit", f.a(), "period",
                "202501", "value", 45, "comment", "đã rà soát", "version", r.get("version").asLong()));
        assertEquals(corrected.toString(), 200, corrected.status());
        assertEquals("DRAFT", corrected.json().get("state").asText());
        assertEquals(200, send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", f.a(), "period", "202501")).status());
        Reply verified = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(key(f.rate(), f.a(), "202501"))));
        assertEquals(verified.toString(), 200, verified.status());
        assertEquals("VERIFIED", current(f.rate(), f.a(), "202501").get("state").asText());
        Reply twice = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(key(f.rate(), f.a(), "202501"))));
        assertEquals(twice.toString(), 409, twice.status());

        JsonNode history = get("/api/datavalues/history?indicator=" + f.rate() + "&orgUnit=" + f.a() + "&period=202501",
                reporter).json();
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asText() + ":" + h.get("state").asText() + " by "
                + h.get("changedBy").asText()));
        // each version with the action that made it and who did (issue 15: the labels were one version off)
        assertEquals(List.of("VERIFY:VERIFIED by wf.verifier", "SUBMIT:SUBMITTED by wf.reporter", "UPDATE:DRAFT by wf.reporter",
                "REJECT:REJECTED by wf.verifier", "SUBMIT:SUBMITTED by wf.reporter", "CREATE:DRAFT by wf.reporter"), actions);
        assertEquals(42.0, history.get(5).get("value").asDouble(), 0);

        // The verifier's queue lists what waits for them.
        put(reporter, f.count(), f.a(), "202501", 3);
        send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", f.a(), "period", "202501"));
        JsonNode queue = get("/api/datavalues?state=SUBMITTED&orgUnit=" + f.province() + "&descendants=true", verifier).json();
        assertEquals(1, queue.get("total").asInt());
        assertEquals(f.count(), queue.get("items").get(0).get("indicator").asText());
    }

    @Test
    public void b_outliersNeedAComment() throws Exception {
        Fixture f = fixture("OUT");
        for (String[] v : new String[][] { { "202501", "50" }, { "202502", "52" }, { "202503", "51" } }) {
            put(admin(), f.rate(), f.a(), v[0], Double.parseDouble(v[1]));
        }
        put(admin(), f.rate(), f.a(), "202504", 95);
        Reply refused = send("POST", "/api/datavalues/submit", admin(), Map.of("orgUnit", f.a(), "period", "202504"));
        assertEquals(refused.toString(), 400, refused.status());
        assertTrue(refused.body(), refused.body().contains("outside the range expected"));
        assertEquals("DRAFT", current(f.rate(), f.a(), "202504").get("state").asText());

        JsonNode v = current(f.rate(), f.a(), "202504");
        send("PUT", "/api/datavalues", admin(), Map.of("indicator", f.rate(), "orgUnit", f.a(), "period", "202504", "value",
                95, "comment", "Trung tâm mới đi vào hoạt động", "version", v.get("version").asLong()));
        assertEquals(200, send("POST", "/api/datavalues/submit", admin(), Map.of("orgUnit", f.a(), "period", "202504")).status());
        Reply range = send("PUT", "/api/datavalues", admin(), value(f.rate(), f.b(), "202501", 130));
        assertEquals("a percentage above 100: " + range, 400, range.status());
        Reply fraction = send("PUT", "/api/datavalues", admin(), value(f.count(), f.b(), "202501", 2.5));
        assertEquals("a count with a fraction: " + fraction, 400, fraction.status());
    }

    // ------------------------------------------------------------------ rollups and dashboards

    @Test
    public void c_rollupsMatchHandComputedFigures() throws Exception {
        Fixture f = fixture("ROLL");
        Map<String, Object> batch = Map.of("values", List.of(value(f.count(), f.a(), "202501", 10),
                value(f.count(), f.b(), "202501", 20), value(f.count(), f.c(), "202501", 30),
                value(f.count(), f.a(), "202502", 5), value(f.rate(), f.a(), "202501", 40),
                value(f.rate(), f.b(), "202501", 60)));
        assertEquals(200, send("POST", "/api/datavalues/batch", admin(), batch).status());

        JsonNode sum = get("/api/monitoring/rollup?indicator=" + f.count() + "&orgUnit=" + f.province()
                + "&from=202501&to=202503", admin()).json();
        assertEquals("SUM", sum.get("aggregation").asText());
        JsonNode points = sum.get("points");
        assertEquals(60.0, points.get(0).get("value").asDouble(), 1e-9);
        assertEquals(3, points.get(0).get("count").asInt());
        assertEquals(5.0, points.get(1).get("value").asDouble(), 1e-9);
        assertEquals(1, points.get(1).get("count").asInt());
        assertTrue(points.get(2).path("value").isMissingNode() || points.get(2).get("value").isNull());

        JsonNode avg = get("/api/monitoring/rollup?indicator=" + f.rate() + "&orgUnit=" + f.province()
                + "&from=202501&to=202501", admin()).json();
        assertEquals(50.0, avg.get("points").get(0).get("value").asDouble(), 1e-9);
        // The same figures one level up: the fixture's indicators have data only here.
        JsonNode national = get("/api/monitoring/rollup?indicator=" + f.count() + "&orgUnit=VN&from=202501&to=202501",
                admin()).json();
        assertEquals(60.0, national.get("points").get(0).get("value").asDouble(), 1e-9);

        // An update moves the rollup by the difference, in the same transaction.
        JsonNode b = current(f.count(), f.b(), "202501");
        send("PUT", "/api/datavalues", admin(), Map.of("indicator", f.count(), "orgUnit", f.b(), "period", "202501",
                "value", 26, "version", b.get("version").asLong()));
        assertEquals(66.0, get("/api/monitoring/rollup?indicator=" + f.count() + "&orgUnit=" + f.province()
                + "&from=202501&to=202501", admin()).json().get("points").get(0).get("value").asDouble(), 1e-9);

        // The public sees verified values only: nothing yet, then the one verified value.
        JsonNode publicView = get("/api/monitoring/rollup?indicator=" + f.count() + "&orgUnit=" + f.province()
                + "&from=202501&to=202501", null).json();
        assertEquals(0, publicView.get("points").get(0).get("count").asInt());
        send("POST", "/api/datavalues/submit", admin(), Map.of("orgUnit", f.c(), "period", "202501"));
        Reply ownVerify = send("POST", "/api/datavalues/verify", admin(), Map.of("keys", List.of(key(f.count(), f.c(), "202501"))));
        assertEquals("the submitter may not verify (four eyes): " + ownVerify, 403, ownVerify.status());
        Reply verify = send("POST", "/api/datavalues/verify", createUser("rollup.verifier", "CENTRAL_IT", "VN"),
                Map.of("keys", List.of(key(f.count(), f.c(), "202501"))));
        assertEquals(verify.toString(), 200, verify.status());
        JsonNode afterVerify = get("/api/monitoring/rollup?indicator=" + f.count() + "&orgUnit=" + f.province()
                + "&from=202501&to=202501", null).json().get("points").get(0);
        assertEquals(30.0, afterVerify.get("value").asDouble(), 1e-9);
        assertEquals(1, afterVerify.get("count").asInt());

        // Overview: value, colour by thresholds, then by target; drill-down lists the communes.
        JsonNode overview = get("/api/monitoring/overview?orgUnit=" + f.province() + "&asOf=202501", admin()).json();
        JsonNode rate = find(overview.get("indicators"), f.rate());
        assertEquals(50.0, rate.get("value").asDouble(), 1e-9);
        assertEquals("GREEN", rate.get("colour").asText());
        assertFalse(rate.get("own").asBoolean());
        assertEquals(3, overview.get("children").size());
        assertEquals(f.a(), overview.get("children").get(0).get("orgUnit").get("code").asText());
        Reply target = send("PUT", "/api/monitoring/targets", admin(), Map.of("indicator", f.rate(), "orgUnit", f.province(),
                "period", "2025", "target", 80));
        assertEquals(target.toString(), 200, target.status());
        rate = find(get("/api/monitoring/overview?orgUnit=" + f.province() + "&asOf=202501", admin()).json()
                .get("indicators"), f.rate());
        assertEquals(80.0, rate.get("target").asDouble(), 0);
        assertEquals("50 of 80 is below 80 % of the target", "RED", rate.get("colour").asText());

        // The trend ends at asOf and carries value, target and colour per period.
        JsonNode trend = get("/api/monitoring/trend?indicator=" + f.rate() + "&orgUnit=" + f.province() + "&asOf=202501",
                admin()).json().get("points");
        assertEquals(12, trend.size());
        JsonNode lastPoint = trend.get(11);
        assertEquals("202501", lastPoint.get("period").asText());
        assertEquals(50.0, lastPoint.get("value").asDouble(), 1e-9);
        assertEquals("RED", lastPoint.get("colour").asText());

        // Drill-down to a commune: its own value.
        JsonNode commune = get("/api/monitoring/overview?orgUnit=" + f.b() + "&asOf=202501", admin()).json();
        assertTrue(find(commune.get("indicators"), f.rate()).get("own").asBoolean());
        assertEquals(3, commune.get("breadcrumb").size());

        // Rankings and CSV export of the same table.
        JsonNode ranking = get("/api/monitoring/rankings?orgUnit=" + f.province() + "&asOf=202501&by=greening", admin()).json();
        assertEquals(3, ranking.get("rows").size());
        assertEquals(1, ranking.get("rows").get(0).get("rank").asInt());
        Reply csv = get("/api/monitoring/overview?orgUnit=" + f.province() + "&asOf=202501&format=csv&table=children", admin());
        assertEquals(200, csv.status());
        assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body(), csv.body().contains(f.b()));
        assertEquals(4, csv.body().strip().split("\n").length);
    }

    private static JsonNode find(JsonNode cells, String code) {
        for (JsonNode c : cells) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError(code + " not in " + cells);
    }

    /**
     * Issue 15 point 8: ties share a rank, units without data are last without one; a unit with amber
     * lights and no red one is amber, not red; a count with a value but nothing to rate it against is
     * "not rated", not "no data".
     */
    @Test
    public void c2_ranksShareTiesAndColoursFollowTheRule() throws Exception {
        Fixture f = fixture("RK");
        String d = f.province() + "-D";
        create(Map.of("code", d, "nameVi", "Xã D", "nameEn", "Commune D", "level", "COMMUNE", "parentCode", f.province()));
        String plain = f.province() + "-PLAIN";
        Reply created = send("POST", "/api/indicators", admin(), Map.of("code", plain, "nameVi", "Số đếm " + plain,
                "nameEn", "Count " + plain, "layer", "OPERATIONAL", "unit", "count", "periodicity", "MONTHLY",
                "direction", "HIGHER_IS_BETTER", "aggregation", "SUM"));
        assertEquals(created.toString(), 201, created.status());
        for (String unit : List.of(f.a(), f.b())) {
            put(admin(), f.count(), unit, "202501", 12);
            put(admin(), f.rate(), unit, "202501", 60);
        }
        put(admin(), f.count(), d, "202501", 5);
        put(admin(), f.rate(), d, "202501", 30);
        put(admin(), plain, f.a(), "202501", 44);

        JsonNode rows = get("/api/monitoring/rankings?orgUnit=" + f.province() + "&asOf=202501&by=greening", admin())
                .json().get("rows");
        assertEquals(4, rows.size());
        Map<String, JsonNode> byUnit = new HashMap<>();
        rows.forEach(r -> byUnit.put(r.get("orgUnit").get("code").asText(), r));
        assertEquals("a tie shares the rank", 1, byUnit.get(f.a()).get("rank").asInt());
        assertEquals(1, byUnit.get(f.b()).get("rank").asInt());
        assertEquals("the next rank skips the tied place", 3, byUnit.get(d).get("rank").asInt());
        assertFalse("no data, no rank", byUnit.get(f.c()).hasNonNull("rank"));
        assertTrue(byUnit.get(f.c()).get("noData").asBoolean());
        assertEquals("no data comes last", f.c(), rows.get(3).get("orgUnit").get("code").asText());

        JsonNode overview = get("/api/monitoring/overview?orgUnit=" + f.province() + "&asOf=202501", admin()).json();
        JsonNode rowD = null;
        for (JsonNode c : overview.get("children")) {
            rowD = c.get("orgUnit").get("code").asText().equals(d) ? c : rowD;
        }
        assertEquals(0, rowD.get("red").asInt());
        assertEquals(2, rowD.get("amber").asInt());
        assertEquals(0.0, rowD.get("greenShare").asDouble(), 0);
        assertEquals("two amber lights and no red one make an amber unit", "AMBER", rowD.get("colour").asText());
        // the units below pooled, each rated as for itself: 4 green of 6 rated lights (C has none)
        assertEquals(4 / 6.0, overview.get("summary").get("greenShareBelow").asDouble(), 1e-9);
        assertEquals("AMBER", overview.get("summary").get("colourBelow").asText());
        JsonNode a = get("/api/monitoring/overview?orgUnit=" + f.a() + "&asOf=202501", admin()).json();
        JsonNode count = find(a.get("indicators"), plain);
        assertEquals(44, count.get("value").asInt());
        assertEquals("a value without target or thresholds is not rated, not 'no data'", "UNRATED",
                count.get("colour").asText());
        assertEquals(1, a.get("summary").get("unrated").asInt());
        assertEquals("GREEN", a.get("summary").get("colour").asText());
        assertEquals("unrated values do not count in the green share", 1.0, a.get("summary").get("greenShare").asDouble(), 0);
        assertEquals("NONE", find(get("/api/monitoring/overview?orgUnit=" + f.c() + "&asOf=202501", admin()).json()
                .get("indicators"), plain).get("colour").asText());
    }

    @Test
    public void d_formulasAreCheckedAndEvaluated() throws Exception {
        Fixture f = fixture("FX");
        Reply ok = indicator(f.province() + "-RATIO", "ratio", "HIGHER_IS_BETTER", 1, 0, "[" + f.count() + "] / ["
                + f.rate() + "]");
        assertEquals(ok.toString(), 201, ok.status());
        Reply unknown = indicator(f.province() + "-BAD", "ratio", "HIGHER_IS_BETTER", 1, 0, "[NO-SUCH-INDICATOR] * 2");
        assertEquals(unknown.toString(), 400, unknown.status());
        Reply syntax = indicator(f.province() + "-BAD2", "ratio", "HIGHER_IS_BETTER", 1, 0, "[" + f.count() + "] * * 2");
        assertEquals(syntax.toString(), 400, syntax.status());
        Reply cycle = indicator(f.province() + "-CYCLE", "ratio", "HIGHER_IS_BETTER", 1, 0, "[" + f.province() + "-CYCLE] + 1");
        assertEquals(cycle.toString(), 400, cycle.status());
        assertTrue(cycle.body(), cycle.body().contains("cycle"));

        put(admin(), f.count(), f.a(), "202501", 30);
        put(admin(), f.rate(), f.a(), "202501", 60);
        put(admin(), f.count(), f.b(), "202501", 10);
        put(admin(), f.rate(), f.b(), "202501", 0);
        JsonNode a = find(get("/api/monitoring/overview?orgUnit=" + f.a() + "&asOf=202501", admin()).json()
                .get("indicators"), f.province() + "-RATIO");
        assertEquals(0.5, a.get("value").asDouble(), 1e-9);
        JsonNode b = find(get("/api/monitoring/overview?orgUnit=" + f.b() + "&asOf=202501", admin()).json()
                .get("indicators"), f.province() + "-RATIO");
        assertEquals("NONE", b.get("colour").asText());
        assertTrue(b.toString(), b.get("note").asText().contains("division by zero"));
        JsonNode c = find(get("/api/monitoring/overview?orgUnit=" + f.c() + "&asOf=202501", admin()).json()
                .get("indicators"), f.province() + "-RATIO");
        assertTrue(c.toString(), c.get("note").asText().contains("no value for"));
    }

    // ------------------------------------------------------------------ tasks

    @Test
    public void e_taskStatusIsComputed() throws Exception {
        Fixture f = fixture("TASK");
        String leader = createUser("task.leader", "LEADER", f.province());
        String reporter = createUser("task.reporter", "REPORTER", f.a());
        LocalDate today = LocalDate.now();
        Map<String, LocalDate> deadlines = Map.of("T-OVERDUE", today.minusDays(3), "T-SOON", today.plusDays(3),
                "T-NEW", today.plusDays(60), "T-TRACK", today.plusDays(60), "T-DONE", today.plusDays(30), "T-LATE",
                today.minusDays(1));
        for (Map.Entry<String, LocalDate> d : deadlines.entrySet()) {
            Reply r = send("POST", "/api/monitoring/tasks", leader, Map.of("code", f.province() + d.getKey(), "title",
                    "Nhiệm vụ " + d.getKey(), "strategyGroup", "KSG-DT", "orgUnit", f.a(), "responsible", "Phòng KH",
                    "deadline", d.getValue().toString(), "expectedProduct", "Báo cáo"));
            assertEquals(r.toString(), 201, r.status());
        }
        Reply byReporter = send("POST", "/api/monitoring/tasks", reporter, Map.of("code", f.province() + "T-X", "title", "x",
                "orgUnit", f.a(), "deadline", "2030-01-01"));
        assertEquals(byReporter.toString(), 403, byReporter.status());
        assertEquals(404, get("/api/monitoring/tasks/" + f.province() + "T-X", admin()).status());

        report(reporter, f.province() + "T-TRACK", 40, false);
        report(reporter, f.province() + "T-DONE", 100, true);
        report(reporter, f.province() + "T-LATE", 100, true);
        Reply bad = send("POST", "/api/monitoring/tasks/" + f.province() + "T-NEW/reports", reporter, Map.of("progress", 140));
        assertEquals(bad.toString(), 400, bad.status());
        Reply closed = send("POST", "/api/monitoring/tasks/" + f.province() + "T-DONE/reports", reporter, Map.of("progress", 50));
        assertEquals("a completed task takes no more reports: " + closed, 409, closed.status());

        Map<String, String> expected = Map.of("T-OVERDUE", "OVERDUE", "T-SOON", "DUE_SOON", "T-NEW", "NOT_STARTED",
                "T-TRACK", "ON_TRACK", "T-DONE", "DONE", "T-LATE", "DONE_LATE");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode t = get("/api/monitoring/tasks/" + f.province() + e.getKey(), reporter).json();
            assertEquals(e.getKey() + ": " + t, e.getValue(), t.get("status").asText());
        }
        JsonNode overdue = get("/api/monitoring/tasks?orgUnit=" + f.province() + "&status=OVERDUE", leader).json();
        assertEquals(1, overdue.get("total").asInt());
        JsonNode all = get("/api/monitoring/tasks?orgUnit=" + f.province(), leader).json();
        assertEquals(6, all.get("total").asInt());
        JsonNode reports = get("/api/monitoring/tasks/" + f.province() + "T-TRACK/reports", reporter).json();
        assertEquals(1, reports.size());
        assertEquals(40, reports.get(0).get("progress").asInt());

        // Summary for the province as of this month: the tasks due by its end, on time only T-DONE if due.
        String month = String.format("%04d%02d", today.getYear(), today.getMonthValue());
        LocalDate endOfMonth = today.withDayOfMonth(today.lengthOfMonth());
        long due = deadlines.values().stream().filter(d -> !d.isAfter(endOfMonth)).count();
        long onTime = deadlines.get("T-DONE").isAfter(endOfMonth) ? 0 : 1;
        JsonNode summary = get("/api/monitoring/overview?orgUnit=" + f.province() + "&asOf=" + month, leader).json()
                .get("summary");
        assertEquals(summary.toString(), due, summary.get("tasksDue").asLong());
        assertEquals(summary.toString(), onTime, summary.get("tasksOnTime").asLong());
        assertEquals(summary.toString(), 1, summary.get("tasksOverdue").asLong());
    }

    private static JsonNode report(String auth, String task, int progress, boolean done) throws Exception {
        Reply r = send("POST", "/api/monitoring/tasks/" + task + "/reports", auth, Map.of("progress", progress, "done", done,
                "difficulties", "Thiếu kinh phí", "proposals", "Bổ sung dự toán"));
        assertEquals(r.toString(), 201, r.status());
        return r.json();
    }

    // ------------------------------------------------------------------ warnings

    @Test
    public void f_eachWarningRuleRaisesAndCloses() throws Exception {
        Fixture f = fixture("WARN");
        String leader = createUser("warn.leader", "LEADER", f.province());
        String reporter = createUser("warn.reporter", "REPORTER", f.a());
        String outsider = createUser("warn.outsider", "LEADER", "HA-NOI");
        LocalDate today = LocalDate.now();
        task(leader, f.province() + "-LATE", f.a(), today.minusDays(5));
        task(leader, f.province() + "-SOON", f.b(), today.plusDays(2));
        task(leader, f.province() + "-DONE", f.c(), today.plusDays(40));
        JsonNode done = report(admin(), f.province() + "-DONE", 100, true);

        // Stale: a value long ago and nothing since. Red: a rate at 10 (red at 20 or less).
        // Falling: three worsening values up to the first period whose deadline has not passed.
        String due = latestDue(today, 30);
        List<String> last = List.of(previous(previous(due)), previous(due), due);
        put(admin(), f.rate(), f.c(), "202401", 70);
        put(admin(), f.rate(), f.b(), due, 10);
        put(admin(), f.count(), f.a(), last.get(0), 30);
        put(admin(), f.count(), f.a(), last.get(1), 25);
        put(admin(), f.count(), f.a(), last.get(2), 20);
        put(admin(), f.rate(), f.a(), due, 60);
        assertEquals(200, send("POST", "/api/datavalues/submit", admin(), Map.of("orgUnit", f.a(), "period", due)).status());

        Reply run = send("POST", "/api/warnings/run", admin(), Map.of());
        assertEquals(run.toString(), 200, run.status());
        assertEquals(run.toString(), 0, run.json().get("failed").size());
        Map<String, JsonNode> found = warnings(leader, f.province(), "OPEN");
        assertNotNull(found.keySet().toString(), found.get("task-overdue|" + f.province() + "-LATE"));
        assertNotNull(found.keySet().toString(), found.get("task-due-soon|" + f.province() + "-SOON"));
        assertNotNull(found.keySet().toString(), found.get("stale-data|" + f.rate() + "/" + f.c()));
        assertNotNull(found.keySet().toString(), found.get("indicator-red|" + f.rate() + "/" + f.b()));
        assertNotNull(found.keySet().toString(), found.get("falling-trend|" + f.count() + "/" + f.a()));
        assertNotNull(found.keySet().toString(), found.get("missing-evidence|" + f.province() + "-DONE"));
        assertNotNull(found.keySet().toString(), found.get("missing-evidence|" + f.a() + "/" + due));
        assertEquals("CRITICAL", found.get("task-overdue|" + f.province() + "-LATE").get("severity").asText());
        // The ones that matter most come first (issue 18: 116 INFO rows used to bury the CRITICAL ones), and severity filters.
        JsonNode listed = get("/api/warnings?orgUnit=" + f.province() + "&status=OPEN&limit=200", leader).json().get("items");
        List<String> order = List.of("CRITICAL", "WARNING", "INFO");
        for (int i = 1; i < listed.size(); i++) {
            assertTrue("critical first: " + listed, order.indexOf(listed.get(i - 1).get("severity").asText())
                    <= order.indexOf(listed.get(i).get("severity").asText()));
        }
        assertEquals("CRITICAL", listed.get(0).get("severity").asText());
        JsonNode critical = get("/api/warnings?orgUnit=" + f.province() + "&status=OPEN&severity=critical", leader).json();
        assertTrue(critical.get("total").asInt() >= 1);
        critical.get("items").forEach(w -> assertEquals("CRITICAL", w.get("severity").asText()));
        assertEquals(critical.get("total").asInt() + get("/api/warnings?orgUnit=" + f.province()
                + "&status=OPEN&severity=WARNING,INFO", leader).json().get("total").asInt(),
                get("/api/warnings?orgUnit=" + f.province() + "&status=OPEN", leader).json().get("total").asInt());
        Reply badSeverity = get("/api/warnings?orgUnit=" + f.province() + "&severity=URGENT", leader);
        assertEquals(badSeverity.toString(), 400, badSeverity.status());
        assertTrue(badSeverity.body(), badSeverity.body().contains("severity"));
        assertEquals(401, get("/api/warnings", null).status());
        assertEquals(403, get("/api/warnings?orgUnit=" + f.province(), outsider).status());

        // Evidence closes the missing-evidence warning on the next run; a wrong type is refused.
        long reportId = done.get("id").asLong();
        Reply exe = call("POST", "/api/monitoring/evidence?ownerType=TASK_REPORT&ownerKey=" + reportId + "&fileName=x.exe",
                admin(), "application/octet-stream", new byte[] { 'M', 'Z' });
        assertEquals(exe.toString(), 400, exe.status());
        Reply fakePdf = call("POST", "/api/monitoring/evidence?ownerType=TASK_REPORT&ownerKey=" + reportId
                + "&fileName=x.pdf", admin(), "application/pdf", "<html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(fakePdf.toString(), 400, fakePdf.status());
        Reply pdf = call("POST", "/api/monitoring/evidence?ownerType=TASK_REPORT&ownerKey=" + reportId + "&fileName=bien-ban.pdf",
                admin(), "application/pdf", "%PDF-1.4 minimal".getBytes(StandardCharsets.UTF_8));
        assertEquals(pdf.toString(), 201, pdf.status());
        Reply download = get("/api/monitoring/evidence/" + pdf.json().get("id").asLong(), leader);
        assertEquals(download.toString(), 200, download.status());
        assertTrue(download.body().startsWith("%PDF"));

        // Acknowledge: in scope yes, twice no, out of scope no.
        long ackId = found.get("task-overdue|" + f.province() + "-LATE").get("id").asLong();
        assertEquals(403, send("POST", "/api/warnings/" + ackId + "/acknowledge", outsider, Map.of()).status());
        Reply ack = send("POST", "/api/warnings/" + ackId + "/acknowledge", reporter, Map.of());
        assertEquals(ack.toString(), 200, ack.status());
        assertEquals("ACKNOWLEDGED", ack.json().get("status").asText());
        assertEquals(409, send("POST", "/api/warnings/" + ackId + "/acknowledge", reporter, Map.of()).status());

        // Fix the red value: the next run closes its warning and the evidence closes the other.
        JsonNode red = current(f.rate(), f.b(), due);
        send("PUT", "/api/datavalues", admin(), Map.of("indicator", f.rate(), "orgUnit", f.b(), "period", due, "value", 75,
                "version", red.get("version").asLong()));
        send("POST", "/api/warnings/run", admin(), Map.of());
        Map<String, JsonNode> after = warnings(leader, f.province(), "OPEN");
        assertFalse(after.keySet().toString(), after.containsKey("indicator-red|" + f.rate() + "/" + f.b()));
        assertFalse(after.keySet().toString(), after.containsKey("missing-evidence|" + f.province() + "-DONE"));
        assertTrue(warnings(leader, f.province(), "CLOSED").containsKey("indicator-red|" + f.rate() + "/" + f.b()));
        assertTrue("acknowledged stays acknowledged", warnings(leader, f.province(), "ACKNOWLEDGED")
                .containsKey("task-overdue|" + f.province() + "-LATE"));
    }

    @Test
    public void g_aPluginAddsAWarningRuleLive() throws Exception {
        Fixture f = fixture("RULE");
        WarningRule rule = new WarningRule() {
            @Override
            public String id() {
                return "it.plugin-rule";
            }

            @Override
            public String nameVi() {
                return "Quy tắc thử";
            }

            @Override
            public String nameEn() {
                return "Test rule";
            }

            @Override
            public List<WarningFinding> check(WarningContext ctx) {
                return List.of(new WarningFinding(f.b(), "CUSTOM", "k1", WarningSeverity.INFO, "from a plugin on " + ctx.today()));
            }
        };
        ServiceRegistration<WarningRule> reg = context.registerService(WarningRule.class, rule, null);
        try {
            assertTrue(get("/api/warnings/rules", admin()).body().contains("it.plugin-rule"));
            send("POST", "/api/warnings/run", admin(), Map.of());
            assertTrue(warnings(admin(), f.province(), "OPEN").containsKey("it.plugin-rule|k1"));
        } finally {
            reg.unregister();
        }
        assertFalse(get("/api/warnings/rules", admin()).body().contains("it.plugin-rule"));
        assertTrue("the rule's warnings close with it", warnings(admin(), f.province(), "CLOSED").containsKey("it.plugin-rule|k1"));
    }

    private static void task(String auth, String code, String unit, LocalDate deadline) throws Exception {
        Reply r = send("POST", "/api/monitoring/tasks", auth, Map.of("code", code, "title", "Nhiệm vụ " + code, "orgUnit", unit,
                "deadline", deadline.toString()));
        assertEquals(r.toString(), 201, r.status());
    }

    private static Map<String, JsonNode> warnings(String auth, String unit, String status) throws Exception {
        Reply r = get("/api/warnings?orgUnit=" + unit + "&status=" + status + "&limit=1000", auth);
        assertEquals(r.toString(), 200, r.status());
        Map<String, JsonNode> out = new HashMap<>();
        r.json().get("items").forEach(w -> out.put(w.get("rule").asText() + "|" + w.get("subjectKey").asText(), w));
        return out;
    }

    /** The latest month whose end plus the grace days lies before today. */
    private static String latestDue(LocalDate today, int grace) {
        LocalDate m = today.withDayOfMonth(1);
        while (!m.plusMonths(1).minusDays(1).plusDays(grace).isBefore(today)) {
            m = m.minusMonths(1);
        }
        return String.format("%04d%02d", m.getYear(), m.getMonthValue());
    }

    private static String previous(String month) {
        LocalDate d = LocalDate.of(Integer.parseInt(month.substring(0, 4)), Integer.parseInt(month.substring(4)), 1).minusMonths(1);
        return String.format("%04d%02d", d.getYear(), d.getMonthValue());
    }

    // ------------------------------------------------------------------ CSV and access

    @Test
    public void h_csvUploadReportsEveryProblemAndStoresNothing() throws Exception {
        Fixture f = fixture("CSV");
        String reporter = createUser("csv.reporter", "REPORTER", f.province());
        String bad = "indicator,orgUnit,period,value,comment\n"
                + f.rate() + "," + f.a() + ",202501,55,ok\n"
                + f.rate() + "," + f.b() + ",2025-01,56,\n"
                + f.rate() + "," + f.c() + ",202501,lots,\n"
                + "NO-SUCH," + f.c() + ",202502,1,\n"
                + f.rate() + "," + f.a() + ",202502,140,\n";
        Reply r = call("POST", "/api/monitoring/datavalues/csv", reporter, "text/csv", bad.getBytes(StandardCharsets.UTF_8));
        assertEquals(r.toString(), 400, r.status());
        List<String> where = new ArrayList<>();
        r.json().get("details").forEach(d -> where.add(d.get("field").asText()));
        assertEquals(r.body(), List.of("row 4, column value"), where);
        // Fix the unparsable number: the remaining problems are reported by row and column.
        r = call("POST", "/api/monitoring/datavalues/csv", reporter, "text/csv", bad.replace("lots", "57")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(r.toString(), 400, r.status());
        where.clear();
        r.json().get("details").forEach(d -> where.add(d.get("field").asText()));
        assertEquals(r.body(), List.of("row 3, column period", "row 5, column indicator", "row 6, column value"), where);
        assertEquals(0, get("/api/datavalues?orgUnit=" + f.province() + "&descendants=true", admin()).json().get("total").asInt());

        Reply header = call("POST", "/api/monitoring/datavalues/csv", reporter, "text/csv",
                "indicator,unit,period\nX,Y,2025\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, header.status());
        assertTrue(header.body(), header.body().contains("row 1, column orgUnit"));

        String good = "\uFEFFindicator,orgUnit,period,value,comment\n" + f.rate() + "," + f.a() + ",202501,55,\"có dấu, phẩy\"\n"
                + f.rate() + "," + f.b() + ",202501,65,\n";
        Reply ok = call("POST", "/api/monitoring/datavalues/csv", reporter, "text/csv", good.getBytes(StandardCharsets.UTF_8));
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals(2, ok.json().get("created").asInt());
        assertEquals("có dấu, phẩy", current(f.rate(), f.a(), "202501").get("comment").asText());
        Reply dup = call("POST", "/api/monitoring/datavalues/csv", reporter, "text/csv", good.getBytes(StandardCharsets.UTF_8));
        assertEquals(dup.toString(), 409, dup.status());
        assertTrue(dup.body(), dup.body().contains("row 2, column version"));

        // Issue 15 point 7: in upsert mode the same file again is a no-op, a changed row an update.
        Reply same = call("POST", "/api/monitoring/datavalues/csv?mode=upsert", reporter, "text/csv",
                good.getBytes(StandardCharsets.UTF_8));
        assertEquals(same.toString(), 200, same.status());
        assertEquals(2, same.json().get("unchanged").asInt());
        assertEquals(1, current(f.rate(), f.a(), "202501").get("version").asLong());
        Reply changed = call("POST", "/api/monitoring/datavalues/csv?mode=upsert", reporter, "text/csv",
                good.replace(",65,", ",66,").getBytes(StandardCharsets.UTF_8));
        assertEquals(changed.toString(), 200, changed.status());
        assertEquals(1, changed.json().get("updated").asInt());
        assertEquals(66.0, current(f.rate(), f.b(), "202501").get("value").asDouble(), 0);
        // and an Idempotency-Key gives the first answer again without a second write
        String row = "indicator,orgUnit,period,value\n" + f.rate() + "," + f.c() + ",202501,44\n";
        Reply first = csvWithKey(reporter, "csv-key-1", row);
        assertEquals(first.toString(), 200, first.status());
        Reply again = csvWithKey(reporter, "csv-key-1", row);
        assertEquals(again.toString(), 200, again.status());
        assertEquals(first.body(), again.body());
        assertEquals(1, current(f.rate(), f.c(), "202501").get("version").asLong());
        assertEquals(400, call("POST", "/api/monitoring/datavalues/csv?mode=often", reporter, "text/csv",
                row.getBytes(StandardCharsets.UTF_8)).status());
    }

    private static Reply csvWithKey(String auth, String key, String csv) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(base() + "/api/monitoring/datavalues/csv")).header("Authorization", auth)
                .header("Content-Type", "text/csv").header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    @Test
    public void i_accessIsRefusedOutsideScopeAndNothingChanges() throws Exception {
        Fixture f = fixture("ACL");
        String reporterA = createUser("acl.reporter.a", "REPORTER", f.a());
        String leaderA = createUser("acl.leader.a", "LEADER", f.a());
        put(admin(), f.rate(), f.b(), "202501", 33);
        long version = current(f.rate(), f.b(), "202501").get("version").asLong();

        Reply write = send("PUT", "/api/datavalues", reporterA, Map.of("indicator", f.rate(), "orgUnit", f.b(), "period",
                "202501", "value", 99, "version", version));
        assertEquals(write.toString(), 403, write.status());
        Reply read = get("/api/datavalues?orgUnit=" + f.b(), reporterA);
        assertEquals(read.toString(), 403, read.status());
        Reply submit = send("POST", "/api/datavalues/submit", reporterA, Map.of("orgUnit", f.b(), "period", "202501"));
        assertEquals(submit.toString(), 403, submit.status());
        Reply dashboard = get("/api/monitoring/overview?orgUnit=" + f.province(), leaderA);
        assertEquals(dashboard.toString(), 403, dashboard.status());
        assertEquals(200, get("/api/monitoring/overview?orgUnit=" + f.a(), leaderA).status());
        Reply target = send("PUT", "/api/monitoring/targets", reporterA, Map.of("indicator", f.rate(), "orgUnit", f.a(),
                "period", "2025", "target", 1));
        assertEquals(target.toString(), 403, target.status());
        Reply evidence = call("POST", "/api/monitoring/evidence?ownerType=DATAVALUE&ownerKey=" + f.rate() + "/" + f.b()
                + "/202501&fileName=a.txt", reporterA, "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertEquals(evidence.toString(), 403, evidence.status());
        JsonNode after = current(f.rate(), f.b(), "202501");
        assertEquals(33.0, after.get("value").asDouble(), 0);
        assertEquals(version, after.get("version").asLong());
        assertEquals("DRAFT", after.get("state").asText());
        assertTrue(get("/api/monitoring/targets?indicator=" + f.rate(), admin()).json().isEmpty());

        JsonNode anonymous = get("/api/monitoring/overview?orgUnit=" + f.province(), null).json();
        assertTrue(anonymous.get("verifiedOnly").asBoolean());
        assertEquals("NONE", find(anonymous.get("indicators"), f.rate()).get("colour").asText());
        assertEquals(401, get("/api/monitoring/tasks", null).status());
    }

    // ------------------------------------------------------------------ verification queue (issue 15 #6)

    private static JsonNode queue(String auth, String params) throws Exception {
        Reply r = get("/api/monitoring/verification?" + params, auth);
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    private static List<String> queueKeys(JsonNode page) {
        List<String> keys = new ArrayList<>();
        page.get("items").forEach(i -> keys.add(i.get("indicator").asText() + "/" + i.get("orgUnit").asText() + "/"
                + i.get("period").asText()));
        return keys;
    }

    private static void submit(String auth, String unit, String period) throws Exception {
        Reply r = send("POST", "/api/datavalues/submit", auth, Map.of("orgUnit", unit, "period", period));
        assertEquals(r.toString(), 200, r.status());
    }

    @Test
    public void j_verificationQueueFiltersPagesAndJoinsPreviousValueOutlierAndEvidence() throws Exception {
        Fixture f = fixture("QUEUE");
        String reporterA = createUser("queue.reporter.a", "REPORTER", f.a());
        String reporterB = createUser("queue.reporter.b", "REPORTER", f.b());
        String verifier = createUser("queue.verifier", "VERIFIER", f.province());
        String verifierA = createUser("queue.verifier.a", "VERIFIER", f.a());
        // A's history of the rate (left as drafts: the outlier rule counts every stored value, as at submission)
        for (String[] v : new String[][] { { "202501", "50" }, { "202502", "52" }, { "202503", "51" } }) {
            put(reporterA, f.rate(), f.a(), v[0], Double.parseDouble(v[1]));
        }
        send("PUT", "/api/datavalues", reporterA, Map.of("indicator", f.rate(), "orgUnit", f.a(), "period", "202504",
                "value", 95, "comment", "Trung tâm mới đi vào hoạt động"));
        put(reporterA, f.count(), f.a(), "202504", 3);
        submit(reporterA, f.a(), "202504");
        put(reporterB, f.rate(), f.b(), "202503", 38);
        put(reporterB, f.rate(), f.b(), "202504", 40);
        submit(reporterB, f.b(), "202504");
        // the province's own value: the province's verifier does not decide on it, a national role does
        put(admin(), f.rate(), f.province(), "202504", 44);
        submit(admin(), f.province(), "202504");
        Reply upload = call("POST", "/api/monitoring/evidence?ownerType=DATAVALUE&ownerKey=" + f.rate() + "/" + f.a()
                + "/202504&fileName=bien-ban.txt", reporterA, "text/plain", "biên bản".getBytes(StandardCharsets.UTF_8));
        assertTrue(upload.toString(), upload.status() < 300);
        call("POST", "/api/monitoring/evidence?ownerType=DATAVALUE&ownerKey=" + f.rate() + "/" + f.a()
                + "/202504&fileName=anh.txt", reporterA, "text/plain", "ảnh".getBytes(StandardCharsets.UTF_8));

        JsonNode page = queue(verifier, "orgUnit=" + f.province());
        assertEquals("SUBMITTED by default, units below the verifier's only, by unit, period, indicator",
                List.of(f.count() + "/" + f.a() + "/202504", f.rate() + "/" + f.a() + "/202504",
                        f.rate() + "/" + f.b() + "/202504"), queueKeys(page));
        assertEquals(3, page.get("total").asInt());
        assertEquals("without orgUnit: the verifier's whole scope", 3, queue(verifier, "").get("total").asInt());

        JsonNode countA = page.get("items").get(0);
        assertFalse("no history, no outlier", countA.get("outlier").asBoolean());
        assertFalse(countA.hasNonNull("previousValue"));
        assertEquals("202503", countA.get("previousPeriod").asText());
        assertEquals(0, countA.get("evidence").size());
        JsonNode rateA = page.get("items").get(1);
        assertEquals("Chỉ số " + f.rate(), rateA.get("indicatorNameVi").asText());
        assertEquals("Indicator " + f.rate(), rateA.get("indicatorNameEn").asText());
        assertEquals("%", rateA.get("unitOfMeasure").asText());
        assertEquals("Commune A", rateA.get("orgUnitNameEn").asText());
        assertEquals(95.0, rateA.get("value").asDouble(), 0);
        assertEquals("SUBMITTED", rateA.get("state").asText());
        assertEquals("Trung tâm mới đi vào hoạt động", rateA.get("comment").asText());
        assertEquals("queue.reporter.a", rateA.get("updatedBy").asText());
        assertEquals(51.0, rateA.get("previousValue").asDouble(), 0);
        assertEquals("DRAFT", rateA.get("previousState").asText());
        assertEquals(44.0, rateA.get("change").asDouble(), 1e-9);
        assertTrue("95 after 50, 52, 51 lies outside [44.9, 57.1]", rateA.get("outlier").asBoolean());
        assertTrue(rateA.toString(), rateA.get("outlierProblem").asText().contains("outside the range expected"));
        // evidence inline: the same files the per-value listing gives
        JsonNode listed = get("/api/monitoring/evidence?ownerType=DATAVALUE&ownerKey=" + f.rate() + "/" + f.a() + "/202504",
                verifier).json();
        assertEquals(2, listed.size());
        assertEquals(listed.toString(), rateA.get("evidence").toString());
        assertEquals("bien-ban.txt", rateA.get("evidence").get(0).get("fileName").asText());
        JsonNode rateB = page.get("items").get(2);
        assertEquals(38.0, rateB.get("previousValue").asDouble(), 0);
        assertEquals(2.0, rateB.get("change").asDouble(), 1e-9);
        assertFalse("only one earlier period: too short a history to judge", rateB.get("outlier").asBoolean());

        // a national role decides everywhere, the province's own value included
        assertEquals(4, queue(admin(), "orgUnit=" + f.province()).get("total").asInt());
        // filters: period, one indicator, several indicators, state, a commune's subtree
        assertEquals(0, queue(verifier, "orgUnit=" + f.province() + "&period=202503").get("total").asInt());
        assertEquals(List.of(f.count() + "/" + f.a() + "/202504"),
                queueKeys(queue(verifier, "orgUnit=" + f.province() + "&indicator=" + f.count())));
        assertEquals(3, queue(verifier, "orgUnit=" + f.province() + "&indicator=" + f.count() + "&indicator=" + f.rate())
                .get("total").asInt());
        assertEquals(2, queue(verifier, "orgUnit=" + f.province() + "&period=202504&indicator=" + f.rate()).get("total").asInt());
        // a reporting form filters by its indicators
        String form = f.province() + "-FORM";
        Reply created = send("POST", "/api/forms", admin(), Map.of("code", form, "nameVi", "Biểu " + form, "nameEn",
                "Form " + form, "periodicity", "MONTHLY", "dueDays", 10, "indicators", List.of(f.count()),
                "levels", List.of("COMMUNE")));
        assertEquals(created.toString(), 201, created.status());
        assertEquals(List.of(f.count() + "/" + f.a() + "/202504"),
                queueKeys(queue(verifier, "orgUnit=" + f.province() + "&form=" + form)));
        assertEquals(0, queue(verifier, "orgUnit=" + f.province() + "&form=" + form + "&indicator=" + f.rate())
                .get("total").asInt());
        assertEquals(404, get("/api/monitoring/verification?form=NO-SUCH-FORM", verifier).status());
        assertEquals(List.of(f.rate() + "/" + f.a() + "/202501", f.rate() + "/" + f.a() + "/202502",
                f.rate() + "/" + f.a() + "/202503", f.rate() + "/" + f.b() + "/202503"),
                queueKeys(queue(verifier, "orgUnit=" + f.province() + "&state=DRAFT")));
        assertEquals(List.of(f.rate() + "/" + f.b() + "/202504"), queueKeys(queue(verifier, "orgUnit=" + f.b())));
        // paging with the total
        JsonNode first = queue(verifier, "orgUnit=" + f.province() + "&limit=2");
        assertEquals(2, first.get("items").size());
        assertEquals(3, first.get("total").asInt());
        JsonNode second = queue(verifier, "orgUnit=" + f.province() + "&limit=2&offset=2");
        assertEquals(List.of(f.rate() + "/" + f.b() + "/202504"), queueKeys(second));
        assertEquals(3, second.get("total").asInt());

        // scope: a verifier of the commune sees nothing of its own unit and nothing of the province
        assertEquals(0, queue(verifierA, "").get("total").asInt());
        assertEquals(0, queue(verifierA, "orgUnit=" + f.a()).get("total").asInt());
        Reply outside = get("/api/monitoring/verification?orgUnit=" + f.province(), verifierA);
        assertEquals(outside.toString(), 403, outside.status());
        Reply reporter = get("/api/monitoring/verification?orgUnit=" + f.a(), reporterA);
        assertEquals(reporter.toString(), 403, reporter.status());
        assertEquals(401, get("/api/monitoring/verification", null).status());
        Reply unknown = get("/api/monitoring/verification?indicator=NO-SUCH-INDICATOR", verifier);
        assertEquals(unknown.toString(), 400, unknown.status());
        assertTrue(unknown.body(), unknown.body().contains("NO-SUCH-INDICATOR"));
        Reply badState = get("/api/monitoring/verification?state=DONE", verifier);
        assertEquals(badState.toString(), 400, badState.status());
        Reply badPeriod = get("/api/monitoring/verification?period=2025X", verifier);
        assertEquals(badPeriod.toString(), 400, badPeriod.status());
        Reply badLimit = get("/api/monitoring/verification?limit=0", verifier);
        assertEquals(badLimit.toString(), 400, badLimit.status());
        JsonNode openapi = get("/api/openapi.json", null).json();
        assertTrue(openapi.at("/paths/~1monitoring~1verification/get/parameters").toString().contains("indicator"));
        assertOpenApiComplete(openapi);
    }

    @Test
    public void k_verifyOrRejectSeveralAtOnceAllOrNothing() throws Exception {
        Fixture f = fixture("DECIDE");
        String reporterA = createUser("decide.reporter.a", "REPORTER", f.a());
        String reporterB = createUser("decide.reporter.b", "REPORTER", f.b());
        String verifier = createUser("decide.verifier", "VERIFIER", f.province());
        put(reporterA, f.rate(), f.a(), "202504", 61);
        put(reporterA, f.count(), f.a(), "202504", 4);
        submit(reporterA, f.a(), "202504");
        put(reporterB, f.rate(), f.b(), "202504", 33);
        put(reporterB, f.count(), f.b(), "202504", 2);
        submit(reporterB, f.b(), "202504");
        assertEquals(4, queue(verifier, "orgUnit=" + f.province()).get("total").asInt());

        Reply verified = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(
                key(f.rate(), f.a(), "202504"), key(f.count(), f.a(), "202504"))));
        assertEquals(verified.toString(), 200, verified.status());
        assertEquals(2, verified.json().get("changed").asInt());
        assertEquals(List.of(f.count() + "/" + f.b() + "/202504", f.rate() + "/" + f.b() + "/202504"),
                queueKeys(queue(verifier, "orgUnit=" + f.province())));
        assertEquals(List.of(f.count() + "/" + f.a() + "/202504", f.rate() + "/" + f.a() + "/202504"),
                queueKeys(queue(verifier, "orgUnit=" + f.province() + "&state=VERIFIED")));

        // one already decided value in the selection refuses the whole selection
        long versionB = current(f.rate(), f.b(), "202504").get("version").asLong();
        Reply mixed = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(
                key(f.rate(), f.b(), "202504"), key(f.rate(), f.a(), "202504"))));
        assertEquals(mixed.toString(), 409, mixed.status());
        assertTrue(mixed.body(), mixed.body().contains("nothing was changed"));
        assertEquals("SUBMITTED", current(f.rate(), f.b(), "202504").get("state").asText());
        assertEquals(versionB, current(f.rate(), f.b(), "202504").get("version").asLong());
        Reply mixedReject = send("POST", "/api/datavalues/reject", verifier, Map.of("keys", List.of(
                key(f.count(), f.b(), "202504"), key(f.count(), f.a(), "202504")), "reason", "Sai"));
        assertEquals(mixedReject.toString(), 409, mixedReject.status());
        assertEquals(2, queue(verifier, "orgUnit=" + f.province()).get("total").asInt());

        Reply noReason = send("POST", "/api/datavalues/reject", verifier, Map.of("keys", List.of(
                key(f.rate(), f.b(), "202504"), key(f.count(), f.b(), "202504")), "reason", "  "));
        assertEquals(noReason.toString(), 400, noReason.status());
        assertEquals(2, queue(verifier, "orgUnit=" + f.province()).get("total").asInt());
        Reply rejected = send("POST", "/api/datavalues/reject", verifier, Map.of("keys", List.of(
                key(f.rate(), f.b(), "202504"), key(f.count(), f.b(), "202504")), "reason", "Thiếu biên bản kèm theo"));
        assertEquals(rejected.toString(), 200, rejected.status());
        assertEquals(2, rejected.json().get("changed").asInt());
        assertEquals(0, queue(verifier, "orgUnit=" + f.province()).get("total").asInt());
        JsonNode back = queue(verifier, "orgUnit=" + f.province() + "&state=REJECTED");
        assertEquals(2, back.get("total").asInt());
        back.get("items").forEach(i -> assertEquals("Thiếu biên bản kèm theo", i.get("reason").asText()));
    }

    // ------------------------------------------------------------------ demo data, lifecycle

    @Test
    public void y_demoDataCoversProvincesAndHueCommunes() throws Exception {
        Reply charts = get("/monitoring/lib/echarts.min.js", null);
        assertEquals("the chart library is served", 200, charts.status());
        assertTrue(charts.body().length() > 500_000);
        JsonNode hue = get("/api/monitoring/rankings?orgUnit=HUE&by=greening", admin()).json();
        assertEquals(40, hue.get("rows").size());
        JsonNode vn = get("/api/monitoring/overview?orgUnit=VN", admin()).json();
        assertTrue(vn.get("children").size() >= 54);
        Map<String, Boolean> hasChildren = new HashMap<>();
        vn.get("children").forEach(c -> hasChildren.put(c.get("orgUnit").get("code").asText(), c.get("hasChildren").asBoolean()));
        assertTrue(hasChildren.get("HUE"));
        assertFalse(hasChildren.get("BO-KHCN"));
        JsonNode hueRow = null;
        for (JsonNode c : vn.get("children")) {
            hueRow = c.get("orgUnit").get("code").asText().equals("HUE") ? c : hueRow;
        }
        assertEquals("the drill-down row counts the warnings of the whole subtree",
                get("/api/warnings?orgUnit=HUE&status=OPEN&limit=1", admin()).json().get("total").asLong(),
                hueRow.get("openWarnings").asLong());
        JsonNode online = find(vn.get("indicators"), "ONLINE-SERVICE-RATE");
        assertTrue(online.toString(), online.get("reportingUnits").asInt() >= 30);
        assertTrue(get("/api/monitoring/tasks?limit=1", admin()).json().get("total").asInt() >= 70);
        assertTrue(get("/api/datavalues?indicator=ONLINE-DOSSIER-RATE&orgUnit=HUE&descendants=true&limit=1", admin())
                .json().get("total").asInt() >= 40 * 21);
    }

    @Test
    public void z_pluginUninstallsAndReinstallsLive() throws Exception {
        long tasks = get("/api/monitoring/tasks?limit=1", admin()).json().get("total").asLong();
        assertTrue(get("/api/ui/contributions", admin()).body().contains("monitoring.dashboard"));
        features.uninstallFeature("mekong-monitoring");
        awaitStatus("/api/monitoring/overview", 404, Duration.ofSeconds(60));
        assertFalse(get("/api/ui/contributions", admin()).body().contains("monitoring.dashboard"));
        assertEquals(404, get("/api/warnings/rules", admin()).status());
        assertEquals(404, get("/monitoring/dashboard.html", null).status());
        assertFalse(get("/api/openapi.json", null).body().contains("/monitoring/overview"));
        assertFalse("plugin indicators leave with it", get("/api/indicators", null).body().contains("TASKS-ON-TIME"));

        features.installFeature("mekong-monitoring");
        awaitStatus("/api/monitoring/overview", 200, Duration.ofSeconds(60));
        assertEquals("data kept", tasks, get("/api/monitoring/tasks?limit=1", admin()).json().get("total").asLong());
        eventually("monitoring menu entry back", Duration.ofSeconds(30), () -> get("/api/ui/contributions", admin()).body().contains("monitoring.dashboard"));
    }
}

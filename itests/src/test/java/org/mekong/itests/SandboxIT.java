package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox plugin through real HTTP on the real distribution: pilot CRUD with its checks and
 * role rules, the difference-in-differences evaluation against a hand-computed fixture (own units,
 * own indicator, values entered and submitted through the data API), decisions with the
 * evaluation kept as evidence, and live uninstall/reinstall keeping the pilots. Issue 14: only central IT
 * scopes a feature through a pilot and only plugin bundles can be scoped (#1), a leader's units stay in
 * its subtree (#1), anonymous readers see evaluations of verified values only (#7), and uploads with
 * active content or zip bombs are refused through a real endpoint (#18).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SandboxIT extends MekongTestSupport {

    @Inject
    @Filter(timeout = 120_000)
    private FeaturesService features;


    @Configuration
    public Option[] config() {
        return distribution(freePort(), false);
    }

    private static volatile boolean fixture;
    private static String leader;
    private static String reporter;
    private static String centralIt;
    private static String hanoiLeader;

    /**
     * Units SBX-P1, SBX-P2, SBX-P3 (pilot), SBX-C1, SBX-C2 (control), SBX-X (joins later) and the
     * monthly indicator SBX-RATE. Values, before (Jan-Mar 2025) / during (Apr-Jun 2025):
     * P1 10 12 14 / 20 22 24 (12 -> 22, +10); P2 20 20 20 / 26 28 30 (20 -> 28, +8);
     * P3 only during (left out: no "before"); C1 10 10 10 / 12 12 12 (10 -> 12, +2);
     * C2 30 31 32 / 33 34 35 (31 -> 34, +3); a draft 99 in P3's January must not count (if it did,
     * P3 would have a "before" value and join the comparison).
     * Pilot group: 2 units, 16 -> 25, +9; control: 2 units, 20.5 -> 23, +2.5; DiD = +6.5.
     */
    @org.junit.Before
    public void fixture() throws Exception {
        if (fixture) {
            return;
        }
        unit("SBX", "PROVINCE", "VN");
        for (String u : List.of("SBX-P1", "SBX-P2", "SBX-P3", "SBX-C1", "SBX-C2", "SBX-X")) {
            unit(u, "COMMUNE", "SBX");
        }
        Reply ind = send("POST", "/api/indicators", admin(), Map.of("code", "SBX-RATE", "nameVi", "Tỷ lệ thử nghiệm",
                "nameEn", "Trial rate", "layer", "OPERATIONAL", "unit", "%", "periodicity", "MONTHLY", "direction",
                "HIGHER_IS_BETTER", "greenThreshold", 50, "redThreshold", 20, "source", "MANUAL"));
        assertEquals(ind.toString(), 201, ind.status());
        String[] months = { "202501", "202502", "202503", "202504", "202505", "202506" };
        Map<String, double[]> values = Map.of("SBX-P1", new double[] { 10, 12, 14, 20, 22, 24 },
                "SBX-P2", new double[] { 20, 20, 20, 26, 28, 30 }, "SBX-C1", new double[] { 10, 10, 10, 12, 12, 12 },
                "SBX-C2", new double[] { 30, 31, 32, 33, 34, 35 });
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            for (int m = 0; m < months.length; m++) {
                put(e.getKey(), months[m], e.getValue()[m]);
                submit(e.getKey(), months[m]);
            }
        }
        for (int m = 3; m < months.length; m++) {
            put("SBX-P3", months[m], 50);
            submit("SBX-P3", months[m]);
        }
        // a draft that must not count
        put("SBX-P3", "202501", 99);
        leader = createUser("sbx-leader", "LEADER", "VN");
        reporter = createUser("sbx-reporter", "REPORTER", "SBX");
        centralIt = createUser("sbx-it", "CENTRAL_IT", "VN");
        hanoiLeader = createUser("sbx-hn-leader", "LEADER", "HA-NOI");
        String verifier = createUser("sbx-verifier", "VERIFIER", "SBX");
        // the evaluation a decision keeps is public: the fixture's submitted values are verified (not P3's draft)
        List<Map<String, String>> keys = new ArrayList<>();
        for (String u : values.keySet()) {
            for (String m : months) {
                keys.add(Map.of("indicator", "SBX-RATE", "orgUnit", u, "period", m));
            }
        }
        for (int m = 3; m < months.length; m++) {
            keys.add(Map.of("indicator", "SBX-RATE", "orgUnit", "SBX-P3", "period", months[m]));
        }
        publicFixture(keys);
        Reply verified = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", keys));
        assertEquals(verified.toString(), 200, verified.status());
        assertEquals(verified.body(), keys.size(), verified.json().get("changed").asInt());
        fixture = true;
    }

    /**
     * The indicator SBX-PUB for the public-evaluation test, pilot SBX-P1 against control SBX-C1 from
     * April 2025: P1 January 10 and April 20 verified, May 100 only submitted; C1 January 10 and April
     * 12 verified, May 50 only submitted. Verified only: P1 10 -> 20 (+10), C1 10 -> 12 (+2), DiD +8.
     * With the submitted values: P1 10 -> 60 (+50), C1 10 -> 31 (+21), DiD +29.
     */
    private static void publicFixture(List<Map<String, String>> toVerify) throws Exception {
        Reply ind = send("POST", "/api/indicators", admin(), Map.of("code", "SBX-PUB", "nameVi", "Tỷ lệ công khai",
                "nameEn", "Public rate", "layer", "OPERATIONAL", "unit", "%", "periodicity", "MONTHLY", "direction",
                "HIGHER_IS_BETTER", "greenThreshold", 50, "redThreshold", 20, "source", "MANUAL"));
        assertEquals(ind.toString(), 201, ind.status());
        Map<String, double[]> values = Map.of("SBX-P1", new double[] { 10, 20, 100 }, "SBX-C1", new double[] { 10, 12, 50 });
        String[] months = { "202501", "202504", "202505" };
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            for (int m = 0; m < months.length; m++) {
                put("SBX-PUB", e.getKey(), months[m], e.getValue()[m]);
                submit(e.getKey(), months[m]);
                if (m < 2) {
                    toVerify.add(Map.of("indicator", "SBX-PUB", "orgUnit", e.getKey(), "period", months[m]));
                }
            }
        }
    }

    private static void unit(String code, String level, String parent) throws Exception {
        Reply r = send("POST", "/api/orgunits", admin(), Map.of("code", code, "nameVi", "Đơn vị " + code, "nameEn",
                "Unit " + code, "level", level, "parentCode", parent));
        assertEquals(r.toString(), 201, r.status());
    }

    private static void put(String unit, String period, double v) throws Exception {
        put("SBX-RATE", unit, period, v);
    }

    private static void put(String indicator, String unit, String period, double v) throws Exception {
        // the comment explains the jump at the pilot's start (the data checks ask for one)
        Reply r = send("PUT", "/api/datavalues", admin(), Map.of("indicator", indicator, "orgUnit", unit, "period",
                period, "value", v, "comment", "Số liệu kiểm thử thí điểm"));
        assertEquals(r.toString(), 200, r.status());
    }

    private static void submit(String unit, String period) throws Exception {
        Reply r = send("POST", "/api/datavalues/submit", admin(), Map.of("orgUnit", unit, "period", period));
        assertEquals(r.toString(), 200, r.status());
    }

    private static Map<String, Object> pilot(String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("titleVi", "Thí điểm " + code);
        m.put("titleEn", "Pilot " + code);
        m.put("mechanism", "CONTROLLED_TESTING");
        m.put("policy", "Tiếp nhận hồ sơ trực tuyến toàn trình ở các đơn vị thí điểm.");
        m.put("start", "2025-04-01");
        m.put("end", "2025-06-30");
        m.put("pilotUnits", List.of("SBX-P1", "SBX-P2", "SBX-P3"));
        m.put("controlUnits", List.of("SBX-C1", "SBX-C2"));
        m.put("indicators", List.of("SBX-RATE"));
        return m;
    }

    private static JsonNode ok(Reply r) {
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    @Test
    public void a_pilotsAreCreatedReadAndCheckedWithRoleRules() throws Exception {
        JsonNode mechanisms = ok(get("/api/sandbox/mechanisms", null));
        assertEquals(12, mechanisms.size());
        assertEquals(1, mechanisms.get(0).get("no").asInt());

        assertEquals(401, send("POST", "/api/sandbox/pilots", null, pilot("SBX-ANON")).status());
        assertEquals(403, send("POST", "/api/sandbox/pilots", reporter, pilot("SBX-REPORTER")).status());
        Reply created = send("POST", "/api/sandbox/pilots", leader, pilot("sbx-one"));
        assertEquals(created.toString(), 201, created.status());
        JsonNode p = created.json();
        assertEquals("SBX-ONE", p.get("code").asText());
        assertEquals("ENDED", p.get("status").asText());
        assertEquals(5, p.get("units").size());
        assertEquals("Thí điểm cơ chế thử nghiệm", "CONTROLLED_TESTING", p.get("mechanism").get("code").asText());
        assertEquals(409, send("POST", "/api/sandbox/pilots", leader, pilot("SBX-ONE")).status());

        // anyone reads pilots
        assertEquals("SBX-ONE", ok(get("/api/sandbox/pilots/sbx-one", null)).get("code").asText());
        assertTrue(get("/api/sandbox/pilots?mechanism=CONTROLLED_TESTING&limit=100", null).body().contains("SBX-ONE"));
        assertFalse(get("/api/sandbox/pilots?status=RUNNING&limit=100", null).body().contains("SBX-ONE"));
        assertEquals(404, get("/api/sandbox/pilots/NOPE", null).status());

        long before = ok(get("/api/sandbox/pilots?limit=1", null)).get("total").asLong();
        Map<String, Object> bad = pilot("bad code!");
        bad.put("mechanism", "NOPE");
        bad.put("start", "2025-07-01");
        bad.put("end", "2025-06-30");
        bad.put("pilotUnits", List.of("SBX-P1", "NOWHERE"));
        bad.put("controlUnits", List.of("SBX-P1"));
        bad.put("indicators", List.of("NO-SUCH-INDICATOR"));
        bad.put("titleVi", " ");
        Reply r = send("POST", "/api/sandbox/pilots", leader, bad);
        assertEquals(r.toString(), 400, r.status());
        List<String> fields = new ArrayList<>();
        r.json().get("details").forEach(d -> fields.add(d.get("field").asText()));
        for (String f : List.of("code", "titleVi", "mechanism", "end", "pilotUnits", "controlUnits", "indicators")) {
            assertTrue(f + " in " + fields, fields.contains(f));
        }
        assertEquals("nothing stored", before, ok(get("/api/sandbox/pilots?limit=1", null)).get("total").asLong());

        // change with the version loaded; a stale one is refused
        Map<String, Object> change = pilot("SBX-ONE");
        change.put("titleVi", "Thí điểm hồ sơ trực tuyến (sửa)");
        change.put("version", 0);
        assertEquals("Thí điểm hồ sơ trực tuyến (sửa)",
                ok(send("PUT", "/api/sandbox/pilots/SBX-ONE", leader, change)).get("titleVi").asText());
        assertEquals(409, send("PUT", "/api/sandbox/pilots/SBX-ONE", leader, change).status());
    }

    @Test
    public void b_theEvaluationMatchesTheHandComputedDifferenceInDifferences() throws Exception {
        JsonNode e = ok(get("/api/sandbox/pilots/SBX-ONE/evaluation", null));
        JsonNode i = e.get("indicators").get(0);
        assertEquals("SBX-RATE", i.get("indicator").asText());
        assertEquals(List.of("202501", "202502", "202503"), strings(i.get("beforePeriods")));
        assertEquals(List.of("202504", "202505", "202506"), strings(i.get("pilotPeriods")));
        JsonNode pilot = i.get("pilot");
        assertEquals("P3 has no values before the pilot: left out", 2, pilot.get("units").asInt());
        assertEquals(16.0, pilot.get("before").asDouble(), 1e-9);
        assertEquals(25.0, pilot.get("after").asDouble(), 1e-9);
        assertEquals(9.0, pilot.get("change").asDouble(), 1e-9);
        JsonNode control = i.get("control");
        assertEquals(2, control.get("units").asInt());
        assertEquals(20.5, control.get("before").asDouble(), 1e-9);
        assertEquals(23.0, control.get("after").asDouble(), 1e-9);
        assertEquals(2.5, control.get("change").asDouble(), 1e-9);
        assertEquals(6.5, i.get("differenceInDifferences").asDouble(), 1e-9);
        assertEquals("BETTER", i.get("verdict").asText());
        assertTrue(i.get("readingEn").asText(), i.get("readingEn").asText().contains("Difference in differences: +6.5"));
        assertTrue(i.get("readingVi").asText(), i.get("readingVi").asText().contains("+6,5"));
        JsonNode series = i.get("series");
        assertEquals(6, series.size());
        assertEquals("202501", series.get(0).get("period").asText());
        assertEquals(15.0, series.get(0).get("pilot").asDouble(), 1e-9);
        assertEquals(20.0, series.get(0).get("control").asDouble(), 1e-9);
        assertEquals("P3 counts in the series where it has values", 3, series.get(3).get("pilotUnits").asInt());
        assertEquals((20 + 26 + 50) / 3.0, series.get(3).get("pilot").asDouble(), 1e-3);
        // a pilot with no control units cannot be compared
        Map<String, Object> alone = pilot("SBX-ALONE");
        alone.put("controlUnits", List.of());
        assertEquals(201, send("POST", "/api/sandbox/pilots", leader, alone).status());
        JsonNode a = ok(get("/api/sandbox/pilots/SBX-ALONE/evaluation", null)).get("indicators").get(0);
        assertEquals("INSUFFICIENT_DATA", a.get("verdict").asText());
        assertTrue(a.get("differenceInDifferences") == null || a.get("differenceInDifferences").isNull());
        assertEquals(400, get("/api/sandbox/pilots/SBX-ONE/evaluation?asOf=someday", null).status());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    public void c_decisionsWidenExtendOrStopAndKeepTheirEvidence() throws Exception {
        assertEquals(403, send("POST", "/api/sandbox/pilots/SBX-ONE/decision", reporter,
                Map.of("decision", "WIDEN", "reason", "x", "units", List.of("SBX-X"))).status());
        Reply noReason = send("POST", "/api/sandbox/pilots/SBX-ONE/decision", leader, Map.of("decision", "WIDEN",
                "units", List.of("SBX-X")));
        assertEquals(400, noReason.status());
        assertEquals(400, send("POST", "/api/sandbox/pilots/SBX-ONE/decision", leader, Map.of("decision", "WIDEN",
                "reason", "Hiệu quả rõ", "units", List.of())).status());
        assertEquals(400, send("POST", "/api/sandbox/pilots/SBX-ONE/decision", leader, Map.of("decision", "MAYBE",
                "reason", "?")).status());
        JsonNode widened = ok(send("POST", "/api/sandbox/pilots/SBX-ONE/decision", leader, Map.of("decision", "WIDEN",
                "reason", "Tỷ lệ hồ sơ trực tuyến tăng rõ so với đối chứng", "evidence", "Biên bản đánh giá số 12",
                "units", List.of("SBX-X", "SBX-C1"))));
        assertEquals("WIDENED", widened.get("status").asText());
        List<String> pilotUnits = new ArrayList<>();
        widened.get("units").forEach(u -> {
            if ("PILOT".equals(u.get("group").asText())) {
                pilotUnits.add(u.get("code").asText());
            }
        });
        assertTrue(pilotUnits.toString(), pilotUnits.containsAll(List.of("SBX-P1", "SBX-P2", "SBX-P3", "SBX-X", "SBX-C1")));
        JsonNode d = widened.get("decisions").get(0);
        assertEquals("WIDEN", d.get("decision").asText());
        assertEquals("the evaluation at the time is kept as evidence", 6.5,
                d.get("evaluation").get("indicators").get(0).get("differenceInDifferences").asDouble(), 1e-9);
        assertEquals(List.of("SBX-X", "SBX-C1"), strings(d.get("addedUnits")));

        // extend needs a later end; stop is final
        assertEquals(400, send("POST", "/api/sandbox/pilots/SBX-ALONE/decision", leader, Map.of("decision", "EXTEND",
                "reason", "Cần thêm thời gian", "until", "2025-05-01")).status());
        JsonNode extended = ok(send("POST", "/api/sandbox/pilots/SBX-ALONE/decision", leader, Map.of("decision",
                "EXTEND", "reason", "Cần thêm số liệu đối chứng", "until", "2099-12-31")));
        assertEquals("EXTENDED", extended.get("status").asText());
        assertEquals("2099-12-31", extended.get("end").asText());
        JsonNode stopped = ok(send("POST", "/api/sandbox/pilots/SBX-ALONE/decision", leader, Map.of("decision", "STOP",
                "reason", "Không có nhóm đối chứng để đánh giá")));
        assertEquals("STOPPED", stopped.get("status").asText());
        assertEquals(2, stopped.get("decisions").size());
        assertEquals(409, send("POST", "/api/sandbox/pilots/SBX-ALONE/decision", leader, Map.of("decision", "EXTEND",
                "reason", "x", "until", "2100-01-01")).status());
        assertTrue(get("/api/audit?entityType=Pilot&entityKey=SBX-ALONE", admin()).body().contains("STOP"));
    }

    @Test
    public void d_aPilotedFeatureIsEnabledForItsPilotUnitsOnlyAndWideningExtendsItLive() throws Exception {
        // as /api/plugins does in production: no refresh of unrelated bundles (in the test container the
        // first feature operation would otherwise refresh the core bundles Pax Exam's probe is wired to)
        features.installFeature("mekong-province-hue", java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        awaitStatus("/api/hue", 200, Duration.ofSeconds(60));
        String inside = createUser("sbx-inside", "REPORTER", "SBX-P1");
        String outside = createUser("sbx-outside", "REPORTER", "SBX-C2");
        // before any pilot the plugin works everywhere: its warning rule sees C2's share fall
        eventually("Hue's warning rule registered", Duration.ofSeconds(30),
                () -> get("/api/warnings/rules", null).body().contains(HUE_RULE));
        enterShare(inside, "SBX-P1", "2025Q1", 65.0);
        enterShare(outside, "SBX-C2", "2025Q1", 50.0);
        enterShare(outside, "SBX-C2", "2025Q2", 40.0);
        assertEquals(Set.of("SBX-C2"), hueWarningUnits());
        Map<String, Object> p = pilot("SBX-SCOPED");
        p.put("feature", "mekong-province-hue");
        p.put("end", "2099-12-31");
        p.put("pilotUnits", List.of("SBX-P1"));
        p.put("controlUnits", List.of("SBX-C2"));
        // only central IT attaches a feature to a pilot (issue 14 #1); a leader is refused and nothing is stored
        Reply byLeader = send("POST", "/api/sandbox/pilots", leader, p);
        assertEquals(byLeader.toString(), 403, byLeader.status());
        assertTrue(byLeader.body(), byLeader.body().contains("feature"));
        assertEquals(404, get("/api/sandbox/pilots/SBX-SCOPED", null).status());
        Reply created = send("POST", "/api/sandbox/pilots", centralIt, p);
        assertEquals(created.toString(), 201, created.status());
        JsonNode scopes = ok(get("/api/scopes", admin()));
        assertTrue(scopes.toString(), scopes.toString().contains("\"bundle\":\"org.mekong.province.hue\"")
                && scopes.toString().contains("SBX-P1"));

        assertEquals(200, get("/api/hue", inside).status());
        Reply refused = get("/api/hue/communes", outside);
        assertEquals(refused.toString(), 403, refused.status());
        assertTrue(refused.body(), refused.body().contains("enabled only for SBX-P1") && refused.body().contains("SBX-SCOPED"));
        assertEquals(403, get("/api/hue", null).status());
        assertEquals("national callers still look", 200, get("/api/hue", admin()).status());
        assertEquals("an orgUnit outside the scope is refused", 403, get("/api/hue?orgUnit=SBX-C2", inside).status());
        eventually("Hue menu entry for the pilot unit", Duration.ofSeconds(30),
                () -> get("/api/ui/contributions", inside).body().contains("province-hue.overview"));
        assertFalse(get("/api/ui/contributions", outside).body().contains("province-hue.overview"));
        assertFalse(get("/api/ui/contributions", null).body().contains("province-hue.overview"));
        assertEquals("other plugins are not affected", 200, get("/api/sandbox/mechanisms", outside).status());
        // the plugin's entered indicator takes values for units in the scope only
        enterShare(inside, "SBX-P1", "2025Q2", 61.0);
        Reply enteredOutside = send("PUT", "/api/datavalues", outside, Map.of("indicator", "HUE-DIGITAL-CITIZEN-SHARE",
                "orgUnit", "SBX-C2", "period", "2025Q3", "value", 35.0));
        assertEquals(enteredOutside.toString(), 403, enteredOutside.status());
        assertTrue(enteredOutside.body(), enteredOutside.body().contains("HUE-DIGITAL-CITIZEN-SHARE")
                && enteredOutside.body().contains("SBX-SCOPED") && enteredOutside.body().contains("'SBX-C2' is outside"));
        // and its warning rule now warns for the pilot unit only: C2's earlier warning is closed
        assertEquals(Set.of("SBX-P1"), hueWarningUnits());
        // data entry offers, and completeness expects, the plugin's indicator only where it is enabled
        assertTrue(get("/api/indicators?orgUnit=SBX-P1", inside).body().contains("HUE-DIGITAL-CITIZEN-SHARE"));
        assertFalse(get("/api/indicators?orgUnit=SBX-C2", outside).body().contains("HUE-DIGITAL-CITIZEN-SHARE"));
        assertTrue("without orgUnit the list is whole", get("/api/indicators", outside).body()
                .contains("HUE-DIGITAL-CITIZEN-SHARE"));
        Reply unknown = get("/api/indicators?orgUnit=NO-SUCH-UNIT", null);
        assertEquals(unknown.toString(), 400, unknown.status());
        assertTrue(unknown.body(), unknown.body().contains("orgUnit"));
        assertTrue(missingIn(inside, "SBX-P1").contains("HUE-DIGITAL-CITIZEN-SHARE"));
        assertFalse(missingIn(outside, "SBX-C2").contains("HUE-DIGITAL-CITIZEN-SHARE"));

        // widening extends the scope at once, without a restart; only central IT decides on a piloted feature
        Map<String, Object> widen = Map.of("decision", "WIDEN", "reason", "Mở rộng sang xã đối chứng", "units",
                List.of("SBX-C2"));
        Reply leaderWidens = send("POST", "/api/sandbox/pilots/SBX-SCOPED/decision", leader, widen);
        assertEquals(leaderWidens.toString(), 403, leaderWidens.status());
        assertEquals("nothing changed", 403, get("/api/hue/communes", outside).status());
        ok(send("POST", "/api/sandbox/pilots/SBX-SCOPED/decision", centralIt, widen));
        assertEquals(200, get("/api/hue/communes", outside).status());
        assertTrue(get("/api/ui/contributions", outside).body().contains("province-hue.overview"));
        enterShare(outside, "SBX-C2", "2025Q3", 35.0);
        assertEquals("widening brings the control unit's warning back", Set.of("SBX-P1", "SBX-C2"), hueWarningUnits());
        assertTrue(get("/api/indicators?orgUnit=SBX-C2", outside).body().contains("HUE-DIGITAL-CITIZEN-SHARE"));
        assertTrue(missingIn(outside, "SBX-C2").contains("HUE-DIGITAL-CITIZEN-SHARE"));
        // stopping leaves it enabled nowhere
        ok(send("POST", "/api/sandbox/pilots/SBX-SCOPED/decision", centralIt, Map.of("decision", "STOP", "reason",
                "Dừng thí điểm")));
        assertEquals(403, get("/api/hue", inside).status());
        assertEquals("enabled nowhere, it warns nowhere", Set.of(), hueWarningUnits());
        assertEquals(403, send("PUT", "/api/scopes/org.mekong.province.hue", leader, Map.of("units", List.of("SBX"))).status());
        assertEquals(204, call("DELETE", "/api/scopes/org.mekong.province.hue", admin(), null, null).status());
        assertEquals("enabled everywhere again", 200, get("/api/hue", outside).status());
        assertEquals(Set.of("SBX-P1", "SBX-C2"), hueWarningUnits());
        JsonNode audit = ok(get("/api/audit?entityType=PluginScope&entityKey=org.mekong.province.hue&limit=100", admin()));
        List<String> actors = new ArrayList<>();
        audit.get("items").forEach(a -> actors.add(a.get("action").asText() + " by " + a.get("actor").asText()));
        assertTrue(actors.toString(), actors.contains("RESTRICT by sbx-it"));
        assertTrue("the scope changes are audited under the real user: " + actors, actors.stream()
                .allMatch(a -> a.endsWith(" by sbx-it") || a.endsWith(" by admin")));
        features.uninstallFeature("mekong-province-hue", java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        awaitStatus("/api/hue", 404, Duration.ofSeconds(60));
        eventually("Hue's rule gone with the plugin", Duration.ofSeconds(30),
                () -> !get("/api/warnings/rules", null).body().contains(HUE_RULE));
        Set<String> left = hueWarningUnits();
        assertEquals("its warnings closed with it: " + get("/api/warnings?orgUnit=SBX&rule=" + HUE_RULE + "&limit=50",
                admin()).body(), Set.of(), left);
        Thread.sleep(STABLE_MILLIS); // let the JAX-RS whiteboard settle before the next test
    }

    private static final String HUE_RULE = "hue.digital-citizens-falling";

    /** The indicators the unit's completeness for 2025Q4 (a quarter without values) still misses. */
    private static String missingIn(String token, String unit) throws Exception {
        Reply r = send("POST", "/api/datavalues/submit", token, Map.of("orgUnit", unit, "period", "2025Q4"));
        assertEquals(r.toString(), 200, r.status());
        return r.json().get("completeness").get("missing").toString();
    }

    private static void enterShare(String token, String unit, String quarter, double value) throws Exception {
        Reply r = send("PUT", "/api/datavalues", token, Map.of("indicator", "HUE-DIGITAL-CITIZEN-SHARE", "orgUnit", unit,
                "period", quarter, "value", value));
        assertTrue(r.toString(), r.status() == 200 || r.status() == 201);
    }

    /** Runs the warning rules now and answers the units of the open warnings of Hue's rule in the sandbox units. */
    private static Set<String> hueWarningUnits() throws Exception {
        Reply run = send("POST", "/api/warnings/run", admin(), Map.of());
        assertEquals(run.toString(), 200, run.status());
        assertEquals(run.body(), 0, run.json().get("failed").size());
        Set<String> units = new java.util.TreeSet<>();
        for (JsonNode w : ok(get("/api/warnings?orgUnit=SBX&rule=" + HUE_RULE + "&status=OPEN&limit=1000", admin()))
                .get("items")) {
            units.add(w.get("orgUnit").asText());
        }
        return units;
    }

    // ------------------------------------------------------------------ issue 14: scopes, public data, uploads

    @Test
    public void e_aLeaderCannotScopeAFeatureNorUseUnitsOutsideItsSubtree() throws Exception {
        Set<String> scopesBefore = scopedBundles();
        long pilotsBefore = pilotTotal();
        try {
            for (String feature : List.of("org.mekong.web", "mekong-feedback")) {
                Map<String, Object> p = hanoiPilot("SBX-HN-" + feature.toUpperCase().replace('.', '-'));
                p.put("feature", feature);
                Reply r = send("POST", "/api/sandbox/pilots", hanoiLeader, p);
                assertEquals(feature + ": " + r, 403, r.status());
                assertTrue(r.body(), r.body().contains("feature") && r.body().contains("CENTRAL_IT"));
            }
            Map<String, Object> outsidePilot = hanoiPilot("SBX-HN-OUT-PILOT");
            outsidePilot.put("pilotUnits", List.of("HUE"));
            Reply r = send("POST", "/api/sandbox/pilots", hanoiLeader, outsidePilot);
            assertEquals(r.toString(), 403, r.status());
            assertTrue(r.body(), r.body().contains("'HUE'") && r.body().contains("pilotUnits"));
            Map<String, Object> outsideControl = hanoiPilot("SBX-HN-OUT-CONTROL");
            outsideControl.put("controlUnits", List.of("HUE"));
            r = send("POST", "/api/sandbox/pilots", hanoiLeader, outsideControl);
            assertEquals(r.toString(), 403, r.status());
            assertTrue(r.body(), r.body().contains("'HUE'") && r.body().contains("controlUnits"));
            assertEquals("nothing stored", pilotsBefore, pilotTotal());

            // its own pilot inside Ha Noi is fine; widening or changing it beyond Ha Noi, or adding a feature, is not
            Reply own = send("POST", "/api/sandbox/pilots", hanoiLeader, hanoiPilot("SBX-HN-OWN"));
            assertEquals(own.toString(), 201, own.status());
            r = send("POST", "/api/sandbox/pilots/SBX-HN-OWN/decision", hanoiLeader, Map.of("decision", "WIDEN",
                    "reason", "Mở rộng", "units", List.of("HUE")));
            assertEquals(r.toString(), 403, r.status());
            assertTrue(r.body(), r.body().contains("'HUE'"));
            Map<String, Object> change = hanoiPilot("SBX-HN-OWN");
            change.put("version", 0);
            change.put("controlUnits", List.of("HUE"));
            r = send("PUT", "/api/sandbox/pilots/SBX-HN-OWN", hanoiLeader, change);
            assertEquals(r.toString(), 403, r.status());
            change.put("controlUnits", List.of());
            change.put("feature", "org.mekong.web");
            r = send("PUT", "/api/sandbox/pilots/SBX-HN-OWN", hanoiLeader, change);
            assertEquals(r.toString(), 403, r.status());
            JsonNode stored = ok(get("/api/sandbox/pilots/SBX-HN-OWN", null));
            assertEquals("nothing changed: " + stored, 0, stored.get("version").asInt());
            assertFalse(stored.hasNonNull("feature"));
            assertEquals(1, stored.get("units").size());
            assertEquals(0, stored.get("decisions").size());
            assertCoreWorks(scopesBefore);
        } finally {
            liftNewScopes(scopesBefore);
        }
    }

    @Test
    public void f_centralItCannotScopeTheCoreALibraryOrAMissingBundle() throws Exception {
        Set<String> scopesBefore = scopedBundles();
        long pilotsBefore = pilotTotal();
        try {
            Map<String, Reply> refusals = new java.util.LinkedHashMap<>();
            for (String bundle : List.of("org.mekong.web", "org.mekong.identity", "org.mekong.core.api",
                    "org.apache.karaf.features.core", "org.mekong.no-such-plugin")) {
                refusals.put("scope " + bundle, send("PUT", "/api/scopes/" + bundle, centralIt,
                        Map.of("units", List.of("HA-NOI"), "reason", "tấn công")));
            }
            for (String feature : List.of("org.mekong.web", "mekong-core", "mekong-search", "mekong-province-hue")) {
                Map<String, Object> p = hanoiPilot("SBX-IT-" + feature.toUpperCase().replace('.', '-'));
                p.put("feature", feature);
                refusals.put("pilot " + feature, send("POST", "/api/sandbox/pilots", centralIt, p));
            }
            List<String> wrong = new ArrayList<>();
            refusals.forEach((what, r) -> {
                String name = what.substring(what.indexOf(' ') + 1);
                if (r.status() != 400 || !r.body().contains(name.startsWith("mekong-") ? "feature" : name)) {
                    wrong.add(what + " -> " + r);
                }
            });
            assertEquals("each is refused with 400 naming the bundle or the feature", List.of(), wrong);
            assertEquals("no pilot stored", pilotsBefore, pilotTotal());
            assertCoreWorks(scopesBefore);
        } finally {
            liftNewScopes(scopesBefore);
        }
    }

    @Test
    public void g_anonymousReadersSeeTheEvaluationOfVerifiedValuesOnly() throws Exception {
        Map<String, Object> p = pilot("SBX-PUBLIC");
        p.put("pilotUnits", List.of("SBX-P1"));
        p.put("controlUnits", List.of("SBX-C1"));
        p.put("indicators", List.of("SBX-PUB"));
        assertEquals(201, send("POST", "/api/sandbox/pilots", leader, p).status());

        JsonNode anonymous = ok(get("/api/sandbox/pilots/SBX-PUBLIC/evaluation", null));
        JsonNode i = anonymous.get("indicators").get(0);
        assertEquals(10.0, i.get("pilot").get("before").asDouble(), 1e-9);
        assertEquals("May's submitted 100 is left out", 20.0, i.get("pilot").get("after").asDouble(), 1e-9);
        assertEquals(12.0, i.get("control").get("after").asDouble(), 1e-9);
        assertEquals(8.0, i.get("differenceInDifferences").asDouble(), 1e-9);
        assertEquals(anonymous.toString(), "[\"VERIFIED\"]", String.valueOf(anonymous.get("valueStates")));
        assertFalse("no verified value in May", i.get("series").get(4).hasNonNull("pilot"));
        assertEquals("outside the pilot's units a leader reads the public figures", 8.0,
                ok(get("/api/sandbox/pilots/SBX-PUBLIC/evaluation", hanoiLeader)).get("indicators").get(0)
                        .get("differenceInDifferences").asDouble(), 1e-9);

        JsonNode staff = ok(get("/api/sandbox/pilots/SBX-PUBLIC/evaluation", leader));
        assertEquals(List.of("SUBMITTED", "VERIFIED"), strings(staff.get("valueStates")));
        JsonNode s = staff.get("indicators").get(0);
        assertEquals(60.0, s.get("pilot").get("after").asDouble(), 1e-9);
        assertEquals(31.0, s.get("control").get("after").asDouble(), 1e-9);
        assertEquals(29.0, s.get("differenceInDifferences").asDouble(), 1e-9);

        // the evaluation a decision keeps is shown to everyone: it counts verified values only
        JsonNode extended = ok(send("POST", "/api/sandbox/pilots/SBX-PUBLIC/decision", leader, Map.of("decision",
                "EXTEND", "reason", "Cần thêm số liệu đã xác minh", "until", "2099-12-31")));
        JsonNode evidence = extended.get("decisions").get(0).get("evaluation");
        assertEquals(List.of("VERIFIED"), strings(evidence.get("valueStates")));
        assertEquals(8.0, evidence.get("indicators").get(0).get("differenceInDifferences").asDouble(), 1e-9);
    }

    @Test
    public void h_uploadsWithActiveContentOrZipBombsAreRefusedAndNothingIsStored() throws Exception {
        long before = feedbackTotal();
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("exe-inside.docx", docx("word/media/setup.exe", new byte[] { 'M', 'Z', 0, 0 }));
        files.put("macro.docx", docx("word/vbaProject.bin", new byte[] { 1, 2, 3 }));
        files.put("bomb.docx", docx("word/filler.xml", null));
        files.put("polyglot.pdf", "%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n%%EOF"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        files.put("action.pdf", "%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] png = new byte[600];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 }, 0, png, 0, 8);
        byte[] html = "<html><body onload=alert(1)>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(html, 0, png, 100, html.length);
        files.put("photo.png", png);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Reply r = send("POST", "/api/feedback/items", admin(), feedbackWith(f.getKey(), f.getValue()));
            if (r.status() != 400 || !r.body().contains("\"attachments[0]\"")) {
                wrong.add(f.getKey() + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals("each upload is refused with 400 naming the attachment", List.of(), wrong);
        assertEquals("nothing stored", before, feedbackTotal());
        // an ordinary document still passes
        Reply fine = send("POST", "/api/feedback/items", admin(), feedbackWith("to-trinh.docx", docx("word/media/image1.png",
                png(8))));
        assertEquals(fine.toString(), 201, fine.status());
    }

    /** A minimal Word document (content types, package relationships, body) plus one more part (null: a bomb). */
    private static byte[] docx(String extraName, byte[] extra) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
            Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
            parts.put("[Content_Types].xml", types.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            parts.put("_rels/.rels", "<Relationships/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            parts.put("word/document.xml", "<w:document/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            parts.put(extraName, extra);
            for (Map.Entry<String, byte[]> e : parts.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                if (e.getValue() == null) {
                    byte[] zeros = new byte[1024 * 1024];
                    for (int i = 0; i < 110; i++) { // 110 MiB of zeros: about 110 KiB compressed
                        zip.write(zeros);
                    }
                } else {
                    zip.write(e.getValue());
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] png(int size) {
        byte[] b = new byte[Math.max(size, 8)];
        System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 }, 0, b, 0, 8);
        return b;
    }

    private static Map<String, Object> feedbackWith(String name, byte[] file) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Góp ý kèm tệp " + name);
        m.put("content", "Tệp đính kèm minh hoạ cho góp ý về thủ tục hành chính của xã.");
        m.put("orgUnit", "HUE");
        m.put("attachments", List.of(Map.of("name", name, "data", java.util.Base64.getEncoder().encodeToString(file))));
        return m;
    }

    private static long feedbackTotal() throws Exception {
        return ok(get("/api/feedback/items?limit=1", admin())).get("total").asLong();
    }

    /** A pilot of Ha Noi alone, as the Ha Noi leader may create it. */
    private static Map<String, Object> hanoiPilot(String code) {
        Map<String, Object> p = pilot(code);
        p.put("end", "2099-12-31");
        p.put("pilotUnits", List.of("HA-NOI"));
        p.put("controlUnits", List.of());
        return p;
    }

    private static long pilotTotal() throws Exception {
        return ok(get("/api/sandbox/pilots?limit=1", null)).get("total").asLong();
    }

    private static Set<String> scopedBundles() throws Exception {
        Set<String> out = new java.util.TreeSet<>();
        ok(get("/api/scopes", admin())).forEach(s -> out.add(s.get("bundle").asText()));
        return out;
    }

    /** Puts right what an attack that got through did, so one failure does not break the later tests. */
    private static void liftNewScopes(Set<String> before) throws Exception {
        for (String b : scopedBundles()) {
            if (!before.contains(b)) {
                call("DELETE", "/api/scopes/" + b, admin(), null, null);
            }
        }
    }

    /** The first admin signs in and reads /api/me, a citizen sends feedback anonymously, no scope was added. */
    private static void assertCoreWorks(Set<String> scopesBefore) throws Exception {
        Reply login = send("POST", "/api/auth/login", null, Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertEquals(login.toString(), 200, login.status());
        Reply me = get("/api/me", "Bearer " + login.json().get("token").asText());
        assertEquals(me.toString(), 200, me.status());
        Reply intake = send("POST", "/api/feedback/items", null, Map.of("title", "Góp ý sau kiểm thử an ninh", "content",
                "Cổng dịch vụ công của xã vẫn tiếp nhận góp ý của người dân.", "orgUnit", "HUE"));
        assertEquals(intake.toString(), 201, intake.status());
        assertEquals("no new scope", scopesBefore, scopedBundles());
    }

    @Test
    public void z_pluginUninstallsAndReinstallsLiveKeepingItsPilots() throws Exception {
        assertTrue(get("/api/ui/contributions", null).body().contains("sandbox.pilots"));
        assertEquals(200, get("/sandbox/pilots.html", null).status());
        assertEquals(200, get("/sandbox/lib/echarts.min.js", null).status());
        features.uninstallFeature("mekong-sandbox");
        awaitStatus("/api/sandbox/mechanisms", 404, Duration.ofSeconds(60));
        assertFalse(get("/api/ui/contributions", null).body().contains("sandbox.pilots"));
        assertEquals(404, get("/sandbox/pilots.html", null).status());
        assertEquals("the core keeps answering", 200, get("/api/indicators", admin()).status());
        features.installFeature("mekong-sandbox");
        awaitStatus("/api/sandbox/pilots/SBX-ONE", 200, Duration.ofSeconds(60));
        assertEquals("WIDENED", get("/api/sandbox/pilots/SBX-ONE", null).json().get("status").asText());
    }
}

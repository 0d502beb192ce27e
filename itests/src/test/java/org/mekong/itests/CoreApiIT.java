package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.mekong.core.api.data.DataValueService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** The core REST API over real HTTP: identity, org units, indicators, data values, audit, bad input. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreApiIT extends MekongTestSupport {

    /** The service starts after migrations and the registry: give a slow machine time. */
    @Inject
    @org.ops4j.pax.exam.util.Filter(timeout = 120_000)
    private DataValueService values;

    @Configuration
    public Option[] config() {
        return distribution(freePort());
    }

    private static Map<String, Object> value(String indicator, String unit, String period, double v) {
        return Map.of("indicator", indicator, "orgUnit", unit, "period", period, "value", v);
    }

    @Test
    public void loginGivesATokenThatIdentifiesTheUser() throws Exception {
        Reply login = send("POST", "/api/auth/login", null, Map.of("username", "admin", "password", ADMIN_PASSWORD));
        assertEquals(login.toString(), 200, login.status());
        String token = login.json().get("token").asText();
        Reply me = get("/api/me", "Bearer " + token);
        assertEquals(200, me.status());
        assertEquals("admin", me.json().get("username").asText());
        assertTrue(me.json().get("roles").toString().contains("ADMIN"));

        assertEquals(401, send("POST", "/api/auth/login", null, Map.of("username", "admin", "password", "wrong-password")).status());
        assertEquals(401, get("/api/me", "Bearer not-a-token").status());
        assertEquals(401, get("/api/me", basic("admin", "wrong")).status());
        Reply anonymous = get("/api/me", null);
        assertEquals(401, anonymous.status());
        assertEquals("unauthorized", anonymous.json().get("error").asText());
        assertNotNull(anonymous.raw().headers().firstValue("WWW-Authenticate").orElse(null));

        assertEquals(204, call("POST", "/api/auth/logout", "Bearer " + token, null, null).status());
        assertEquals(401, get("/api/me", "Bearer " + token).status());
    }

    @Test
    public void orgUnitTreeHasTheProvincesAndSubtreeQueries() throws Exception {
        JsonNode provinces = get("/api/orgunits?level=PROVINCE&limit=100", null).json();
        assertEquals(34, provinces.get("total").asInt());
        assertTrue(provinces.toString().contains("Thành phố Huế"));
        JsonNode children = get("/api/orgunits/HUE/children", null).json();
        assertEquals(40, children.size());
        JsonNode subtree = get("/api/orgunits/HUE/subtree", null).json();
        assertEquals(41, subtree.get("total").asInt());
        assertEquals("HUE", subtree.get("items").get(0).get("code").asText());
        JsonNode found = get("/api/orgunits?q=quang%20dien", null).json();
        assertEquals(1, found.get("total").asInt());
        assertEquals("Xã Quảng Điền", found.get("items").get(0).get("nameVi").asText());
        Reply missing = get("/api/orgunits/NOWHERE", null);
        assertEquals(404, missing.status());
        assertEquals("not_found", missing.json().get("error").asText());
        assertTrue(missing.json().get("message").asText().contains("NOWHERE"));
        assertEquals(400, get("/api/orgunits?level=GALAXY", null).status());
        assertEquals(400, get("/api/orgunits?limit=100000", null).status());
    }

    @Test
    public void indicatorsAreCreatedUpdatedWithLockingAndRetired() throws Exception {
        Map<String, Object> def = new java.util.HashMap<>(Map.of("code", "IT-INNOVATION-HUBS", "nameVi", "Số trung tâm đổi mới sáng tạo",
                "nameEn", "Innovation hubs", "layer", "OPERATIONAL", "unit", "count", "periodicity", "YEARLY",
                "direction", "HIGHER_IS_BETTER", "greenThreshold", 5, "redThreshold", 1));
        Reply created = send("POST", "/api/indicators", admin(), def);
        assertEquals(created.toString(), 201, created.status());
        long version = created.json().get("version").asLong();
        assertEquals(409, send("POST", "/api/indicators", admin(), def).status());

        def.put("nameEn", "Innovation hubs (count)");
        def.put("version", version);
        Reply updated = send("PUT", "/api/indicators/IT-INNOVATION-HUBS", admin(), def);
        assertEquals(updated.toString(), 200, updated.status());
        assertEquals("Innovation hubs (count)", get("/api/indicators/IT-INNOVATION-HUBS", null).json().get("nameEn").asText());
        Reply stale = send("PUT", "/api/indicators/IT-INNOVATION-HUBS", admin(), def);
        assertEquals(409, stale.status());
        assertEquals("conflict", stale.json().get("error").asText());

        def.put("greenThreshold", 0);
        def.put("redThreshold", 10);
        def.put("code", "IT-BAD-THRESHOLDS");
        Reply bad = send("POST", "/api/indicators", admin(), def);
        assertEquals(400, bad.status());
        assertEquals("greenThreshold", bad.json().get("details").get(0).get("field").asText());
        assertEquals(404, get("/api/indicators/IT-BAD-THRESHOLDS", null).status());

        long current = get("/api/indicators/IT-INNOVATION-HUBS", null).json().get("version").asLong();
        assertEquals(200, call("DELETE", "/api/indicators/IT-INNOVATION-HUBS?version=" + current, admin(), null, null).status());
        assertFalse(get("/api/indicators", null).body().contains("IT-INNOVATION-HUBS"));
        assertTrue(get("/api/indicators?includeRetired=true", null).body().contains("IT-INNOVATION-HUBS"));
        Reply audit = get("/api/audit?entityType=Indicator&entityKey=IT-INNOVATION-HUBS", admin());
        assertEquals(3, audit.json().get("total").asInt());
    }

    @Test
    public void dataValuesHaveOneCurrentValueOptimisticLockingAndAnAuditTrail() throws Exception {
        String reporter = createUser("hue.reporter", "REPORTER", "HUE");
        Reply created = send("PUT", "/api/datavalues", reporter, value("STARTUPS", "HUE-QUANG-DIEN", "2025Q2", 7));
        assertEquals(created.toString(), 200, created.status());
        assertEquals(1, created.json().get("version").asLong());
        assertEquals("DRAFT", created.json().get("state").asText());

        Reply duplicate = send("PUT", "/api/datavalues", reporter, value("STARTUPS", "HUE-QUANG-DIEN", "2025Q2", 8));
        assertEquals(409, duplicate.status());

        Map<String, Object> update = new java.util.HashMap<>(value("STARTUPS", "HUE-QUANG-DIEN", "2025Q2", 9));
        update.put("version", 1);
        update.put("comment", "corrected after verification call");
        Reply updated = send("PUT", "/api/datavalues", reporter, update);
        assertEquals(updated.toString(), 200, updated.status());
        assertEquals(2, updated.json().get("version").asLong());
        Reply stale = send("PUT", "/api/datavalues", reporter, update);
        assertEquals(409, stale.status());
        assertTrue(stale.json().get("message").asText().contains("stale version 1"));

        JsonNode read = get("/api/datavalues?indicator=STARTUPS&orgUnit=HUE&descendants=true&period=2025Q2", reporter).json();
        assertEquals(1, read.get("total").asInt());
        assertEquals(9.0, read.get("items").get(0).get("value").asDouble(), 0);

        JsonNode audit = get("/api/audit?entityType=DataValue&entityKey=STARTUPS/HUE-QUANG-DIEN/2025Q2", admin()).json();
        assertEquals(2, audit.get("total").asInt());
        JsonNode last = audit.get("items").get(0);
        assertEquals("UPDATE", last.get("action").asText());
        assertEquals("hue.reporter", last.get("actor").asText());
        assertEquals(7.0, last.get("before").get("value").asDouble(), 0);
        assertEquals(9.0, last.get("after").get("value").asDouble(), 0);
    }

    @Test
    public void aBatchIsAllOrNothing() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            batch.add(value("ONLINE-DOSSIER-RATE", "HUE-PHONG-THAI", String.format("2024%02d", m), 50 + m));
        }
        long before = values.count();
        List<Map<String, Object>> broken = new ArrayList<>(batch);
        broken.add(value("ONLINE-DOSSIER-RATE", "HUE-PHONG-THAI", "2024Q1", 1));
        Reply rejected = send("POST", "/api/datavalues/batch", admin(), Map.of("values", broken));
        assertEquals(400, rejected.status());
        assertEquals("values[12].period", rejected.json().get("details").get(0).get("field").asText());
        assertEquals(before, values.count());

        Reply ok = send("POST", "/api/datavalues/batch", admin(), Map.of("values", batch));
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals(12, ok.json().get("created").asInt());
        assertEquals(before + 12, values.count());
    }

    @Test
    public void badInputIsRefusedWithTheErrorBodyAndNothingIsStored() throws Exception {
        String reporter = createUser("hanoi.reporter", "REPORTER", "HA-NOI");
        String leader = createUser("hue.leader", "LEADER", "HUE");
        long before = values.count();

        Reply malformed = send("PUT", "/api/datavalues", admin(), "{\"indicator\": \"STARTUPS\", ");
        assertEquals(400, malformed.status());
        JsonNode body = malformed.json();
        assertEquals("invalid_json", body.get("error").asText());
        assertTrue(body.has("message") && body.has("details"));

        Reply unknownIndicator = send("PUT", "/api/datavalues", admin(), value("NO-SUCH", "HUE", "2025Q1", 1));
        assertEquals(400, unknownIndicator.status());
        assertEquals("indicator", unknownIndicator.json().get("details").get(0).get("field").asText());
        Reply unknownUnit = send("PUT", "/api/datavalues", admin(), value("STARTUPS", "ATLANTIS", "2025Q1", 1));
        assertEquals(400, unknownUnit.status());
        assertEquals("orgUnit", unknownUnit.json().get("details").get(0).get("field").asText());
        assertEquals(400, send("PUT", "/api/datavalues", admin(), value("STARTUPS", "HUE", "2025M13", 1)).status());
        assertEquals(400, send("PUT", "/api/datavalues", admin(), value("STARTUPS", "HUE", "202501", 1)).status());
        assertEquals(400, send("PUT", "/api/datavalues", admin(), Map.of("indicator", "STARTUPS", "orgUnit", "HUE", "period", "2025Q1")).status());
        assertEquals(400, send("PUT", "/api/datavalues", admin(), "{\"indicator\":\"STARTUPS\",\"orgUnit\":\"HUE\",\"period\":\"2025Q1\",\"value\":\"lots\"}").status());

        Reply noCredentials = send("PUT", "/api/datavalues", null, value("STARTUPS", "HUE", "2025Q1", 1));
        assertEquals(401, noCredentials.status());
        assertEquals("unauthorized", noCredentials.json().get("error").asText());

        Reply wrongRole = send("PUT", "/api/datavalues", leader, value("STARTUPS", "HUE", "2025Q1", 1));
        assertEquals(403, wrongRole.status());
        Reply outOfScope = send("PUT", "/api/datavalues", reporter, value("STARTUPS", "HUE", "2025Q1", 1));
        assertEquals(403, outOfScope.status());
        assertEquals("forbidden", outOfScope.json().get("error").asText());
        assertTrue(outOfScope.json().get("message").asText().contains("HUE"));
        assertEquals(403, send("POST", "/api/indicators", reporter, Map.of("code", "X-1", "nameVi", "x", "nameEn", "x",
                "layer", "STRATEGIC", "periodicity", "YEARLY", "direction", "HIGHER_IS_BETTER")).status());
        assertEquals(404, get("/api/indicators/X-1", null).status());
        // a query parameter of the wrong type is bad input naming the parameter, not "no such resource"
        Reply wrongType = get("/api/datavalues?indicator=STARTUPS&limit=lots", admin());
        assertEquals(wrongType.toString(), 400, wrongType.status());
        assertEquals("invalid_input", wrongType.json().get("error").asText());
        assertEquals("limit", wrongType.json().get("details").get(0).get("field").asText());
        assertEquals(404, get("/api/no-such-resource?limit=lots", admin()).status());

        StringBuilder huge = new StringBuilder("{\"values\":[");
        String one = "{\"indicator\":\"STARTUPS\",\"orgUnit\":\"HUE\",\"period\":\"2025Q1\",\"value\":1,\"comment\":\"" + "x".repeat(1000) + "\"},";
        while (huge.length() < 3 * 1024 * 1024) {
            huge.append(one);
        }
        huge.setLength(huge.length() - 1);
        huge.append("]}");
        Reply tooLarge = send("POST", "/api/datavalues/batch", admin(), huge.toString());
        assertEquals(413, tooLarge.status());
        assertEquals("payload_too_large", tooLarge.json().get("error").asText());

        assertEquals("a rejected write stored something", before, values.count());
        assertEquals(0, get("/api/datavalues?indicator=STARTUPS&orgUnit=HUE&period=2025Q1", admin()).json().get("total").asInt());
    }

    // ------------------------------------------------------------------ issue 15: trustworthy values

    private static JsonNode current(String indicator, String unit, String period) throws Exception {
        JsonNode page = get("/api/datavalues?indicator=" + indicator + "&orgUnit=" + unit + "&period=" + period, admin()).json();
        return page.get("total").asInt() == 0 ? null : page.get("items").get(0);
    }

    private static int auditTotal(String key) throws Exception {
        return get("/api/audit?entityType=DataValue&entityKey=" + key, admin()).json().get("total").asInt();
    }

    private static Map<String, Object> versioned(String indicator, String unit, String period, double v, long version) {
        Map<String, Object> m = new java.util.HashMap<>(value(indicator, unit, period, v));
        m.put("version", version);
        return m;
    }

    private static List<Object> fields(Reply r) {
        List<Object> out = new ArrayList<>();
        r.json().path("details").forEach(d -> out.add(d.get("field").asText()));
        return out;
    }

    private static Reply soapWrite(String auth, String indicator, String unit, String period, double v, Long version)
            throws Exception {
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<m:submitDataValues xmlns:m=\"http://mekong.org/soap/data/1.0\"><value><indicator>" + indicator
                + "</indicator><orgUnit>" + unit + "</orgUnit><period>" + period + "</period><value>" + v + "</value>"
                + (version == null ? "" : "<version>" + version + "</version>")
                + "</value></m:submitDataValues></soap:Body></soap:Envelope>";
        return call("POST", "/soap/data", auth, "text/xml; charset=UTF-8", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Reply csv(String auth, String text) throws Exception {
        return call("POST", "/api/monitoring/datavalues/csv", auth, "text/csv", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Creates a value as the reporter, submits it and has the verifier verify it; answers its version. */
    private static long verified(String reporter, String verifier, String indicator, String unit, String period, double v)
            throws Exception {
        assertEquals(200, send("PUT", "/api/datavalues", reporter, value(indicator, unit, period, v)).status());
        Reply submitted = send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", unit, "period", period,
                "indicators", List.of(indicator)));
        assertEquals(submitted.toString(), 200, submitted.status());
        Reply ok = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(Map.of("indicator", indicator,
                "orgUnit", unit, "period", period))));
        assertEquals(ok.toString(), 200, ok.status());
        JsonNode now = current(indicator, unit, period);
        assertEquals("VERIFIED", now.get("state").asText());
        return now.get("version").asLong();
    }

    /** Issue 15 point 2: no channel writes over a VERIFIED (or SUBMITTED) value; a correction reopens it. */
    @Test
    public void aVerifiedValueIsFinalUntilACorrectionIsAccepted() throws Exception {
        String reporter = createUser("lock.reporter", "REPORTER", "HUE");
        String verifier = createUser("lock.verifier", "VERIFIER", "HUE");
        String leader = createUser("lock.leader", "LEADER", "HUE");
        String elsewhere = createUser("lock.hanoi", "REPORTER", "HA-NOI");
        String unit = "HUE-QUANG-DIEN";
        String key = "STARTUPS/" + unit + "/2024Q4";
        long version = verified(reporter, verifier, "STARTUPS", unit, "2024Q4", 7);
        int audits = auditTotal(key);
        long count = values.count();

        // every channel is refused with 409 and told how to proceed; nothing changes
        Reply put = send("PUT", "/api/datavalues", reporter, versioned("STARTUPS", unit, "2024Q4", 70, version));
        assertEquals(put.toString(), 409, put.status());
        assertTrue(put.toString(), put.json().get("message").asText().contains("POST /api/datavalues/corrections"));
        assertEquals(409, send("PUT", "/api/datavalues", admin(), versioned("STARTUPS", unit, "2024Q4", 70, version)).status());
        Reply batch = send("POST", "/api/datavalues/batch", reporter, Map.of("values",
                List.of(versioned("STARTUPS", unit, "2024Q4", 70, version))));
        assertEquals(batch.toString(), 409, batch.status());
        assertEquals(List.of("values[0].value"), fields(batch));
        Reply upsert = send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values",
                List.of(value("STARTUPS", unit, "2024Q4", 70))));
        assertEquals(upsert.toString(), 409, upsert.status());
        Reply soap = soapWrite(admin(), "STARTUPS", unit, "2024Q4", 70, version);
        org.w3c.dom.Element locked = assertSoapFault(soap, "Client", "conflict", "values[0].value");
        assertTrue(soap.body(), locked.getTextContent().contains("corrections"));
        Reply file = csv(reporter, "indicator,orgUnit,period,value,version\nSTARTUPS," + unit + ",2024Q4,70," + version + "\n");
        assertEquals(file.toString(), 409, file.status());
        assertTrue(file.toString(), file.body().contains("row 2"));
        JsonNode still = current("STARTUPS", unit, "2024Q4");
        assertEquals(7.0, still.get("value").asDouble(), 0);
        assertEquals(version, still.get("version").asLong());
        assertEquals("VERIFIED", still.get("state").asText());
        assertEquals(audits, auditTotal(key));
        assertEquals(count, values.count());

        // SUBMITTED is locked for national callers too
        assertEquals(200, send("PUT", "/api/datavalues", reporter, value("STARTUPS", unit, "2025Q1", 3)).status());
        assertEquals(200, send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", unit, "period", "2025Q1")).status());
        long submitted = current("STARTUPS", unit, "2025Q1").get("version").asLong();
        Reply national = send("PUT", "/api/datavalues", admin(), versioned("STARTUPS", unit, "2025Q1", 4, submitted));
        assertEquals(national.toString(), 409, national.status());
        assertEquals(3.0, current("STARTUPS", unit, "2025Q1").get("value").asDouble(), 0);
        assertEquals("SUBMITTED", current("STARTUPS", unit, "2025Q1").get("state").asText());

        // asking for a correction: reason required and bounded, only for VERIFIED values, within the reporter's units
        Map<String, Object> ask = new java.util.HashMap<>(Map.of("indicator", "STARTUPS", "orgUnit", unit, "period", "2024Q4"));
        Reply noReason = send("POST", "/api/datavalues/corrections", reporter, ask);
        assertEquals(noReason.toString(), 400, noReason.status());
        assertEquals(List.of("reason"), fields(noReason));
        ask.put("reason", "x".repeat(1001));
        assertEquals(400, send("POST", "/api/datavalues/corrections", reporter, ask).status());
        ask.put("reason", "Sở KH&CN đã công bố số liệu điều chỉnh: 9 doanh nghiệp");
        assertEquals(403, send("POST", "/api/datavalues/corrections", leader, ask).status());
        assertEquals(403, send("POST", "/api/datavalues/corrections", elsewhere, ask).status());
        Map<String, Object> notVerified = new java.util.HashMap<>(ask);
        notVerified.put("period", "2025Q1");
        assertEquals(409, send("POST", "/api/datavalues/corrections", reporter, notVerified).status());
        assertEquals(0, get("/api/datavalues/corrections?orgUnit=HUE", admin()).json().get("total").asInt());

        Reply asked = send("POST", "/api/datavalues/corrections", reporter, ask);
        assertEquals(asked.toString(), 201, asked.status());
        assertEquals("PENDING", asked.json().get("state").asText());
        long id = asked.json().get("id").asLong();
        assertEquals(409, send("POST", "/api/datavalues/corrections", reporter, ask).status());
        JsonNode queue = get("/api/datavalues/corrections?orgUnit=HUE&state=PENDING", verifier).json();
        assertEquals(1, queue.get("total").asInt());
        assertEquals(id, queue.get("items").get(0).get("id").asLong());
        assertEquals(0, get("/api/datavalues/corrections", elsewhere).json().get("total").asInt());
        assertEquals(403, get("/api/datavalues/corrections?orgUnit=HUE", elsewhere).status());
        assertEquals("VERIFIED", current("STARTUPS", unit, "2024Q4").get("state").asText());

        // deciding: a verifier above the unit, never the requester; a decline needs a reason
        assertEquals(403, send("POST", "/api/datavalues/corrections/" + id + "/accept", reporter, Map.of()).status());
        Reply declineNoReason = send("POST", "/api/datavalues/corrections/" + id + "/decline", verifier, Map.of());
        assertEquals(declineNoReason.toString(), 400, declineNoReason.status());
        assertEquals(404, send("POST", "/api/datavalues/corrections/999999/accept", verifier, Map.of()).status());
        still = current("STARTUPS", unit, "2024Q4");
        assertEquals(version, still.get("version").asLong());
        assertEquals("VERIFIED", still.get("state").asText());

        Reply accepted = send("POST", "/api/datavalues/corrections/" + id + "/accept", verifier, Map.of());
        assertEquals(accepted.toString(), 200, accepted.status());
        assertEquals("ACCEPTED", accepted.json().get("state").asText());
        JsonNode reopened = current("STARTUPS", unit, "2024Q4");
        assertEquals("DRAFT", reopened.get("state").asText());
        assertEquals(version + 1, reopened.get("version").asLong());
        assertEquals(7.0, reopened.get("value").asDouble(), 0);
        JsonNode history = get("/api/datavalues/history?indicator=STARTUPS&orgUnit=" + unit + "&period=2024Q4", reporter).json();
        assertEquals("REOPEN", history.get(0).get("action").asText());
        assertEquals("lock.verifier", history.get(0).get("changedBy").asText());
        assertEquals("VERIFIED", history.get(1).get("state").asText());
        JsonNode audit = get("/api/audit?entityType=DataValue&entityKey=" + key, admin()).json();
        assertEquals("CORRECTION_ACCEPT", audit.get("items").get(0).get("action").asText());
        assertEquals(409, send("POST", "/api/datavalues/corrections/" + id + "/accept", verifier, Map.of()).status());
        Reply rewritten = send("PUT", "/api/datavalues", reporter, versioned("STARTUPS", unit, "2024Q4", 9, version + 1));
        assertEquals(rewritten.toString(), 200, rewritten.status());

        // the requester may not decide (four eyes); a decline leaves the value VERIFIED
        long other = verified(reporter, verifier, "STARTUPS", unit, "2024Q3", 5);
        Reply own = send("POST", "/api/datavalues/corrections", admin(), Map.of("indicator", "STARTUPS", "orgUnit", unit,
                "period", "2024Q3", "reason", "kiểm tra lại"));
        assertEquals(own.toString(), 201, own.status());
        long ownId = own.json().get("id").asLong();
        Reply self = send("POST", "/api/datavalues/corrections/" + ownId + "/accept", admin(), Map.of());
        assertEquals(self.toString(), 403, self.status());
        Reply declined = send("POST", "/api/datavalues/corrections/" + ownId + "/decline", verifier,
                Map.of("reason", "Số liệu đã khớp với báo cáo"));
        assertEquals(declined.toString(), 200, declined.status());
        assertEquals("DECLINED", declined.json().get("state").asText());
        JsonNode kept = current("STARTUPS", unit, "2024Q3");
        assertEquals("VERIFIED", kept.get("state").asText());
        assertEquals(other, kept.get("version").asLong());
        assertEquals(1, get("/api/datavalues/corrections?orgUnit=" + unit + "&state=DECLINED", verifier).json().get("total").asInt());
    }

    /** Issue 15 point 3: from/to compare period start and end dates, across periodicities. */
    @Test
    public void periodRangesCompareTimeAcrossPeriodicities() throws Exception {
        String unit = "HUE-PHONG-DIEN";
        List<Map<String, Object>> batch = new ArrayList<>();
        for (String[] ind : new String[][] { { "IT-RANGE-M", "MONTHLY" }, { "IT-RANGE-Q", "QUARTERLY" },
                { "IT-RANGE-S", "SEMI_ANNUAL" }, { "IT-RANGE-Y", "YEARLY" } }) {
            Reply created = send("POST", "/api/indicators", admin(), Map.of("code", ind[0], "nameVi", ind[0], "nameEn",
                    ind[0], "layer", "OPERATIONAL", "unit", "count", "periodicity", ind[1], "direction",
                    "HIGHER_IS_BETTER", "greenThreshold", 5, "redThreshold", 1));
            assertEquals(created.toString(), 201, created.status());
        }
        for (int m = 1; m <= 12; m++) {
            batch.add(value("IT-RANGE-M", unit, String.format("2025%02d", m), m));
        }
        for (int q = 1; q <= 4; q++) {
            batch.add(value("IT-RANGE-Q", unit, "2025Q" + q, q));
        }
        batch.add(value("IT-RANGE-S", unit, "2025S1", 1));
        batch.add(value("IT-RANGE-S", unit, "2025S2", 2));
        batch.add(value("IT-RANGE-Y", unit, "2025", 25));
        // outside 2025
        batch.add(value("IT-RANGE-M", unit, "202412", 12));
        batch.add(value("IT-RANGE-Q", unit, "2026Q1", 1));
        batch.add(value("IT-RANGE-Y", unit, "2024", 24));
        Reply stored = send("POST", "/api/datavalues/batch", admin(), Map.of("values", batch));
        assertEquals(stored.toString(), 200, stored.status());

        String q = "/api/datavalues?orgUnit=" + unit + "&limit=100";
        JsonNode year = get(q + "&from=2025&to=2025", admin()).json();
        assertEquals(year.toString(), 19, year.get("total").asInt());
        assertEquals(12, get(q + "&indicator=IT-RANGE-M&from=2025&to=2025", admin()).json().get("total").asInt());
        assertEquals(12, get(q + "&indicator=IT-RANGE-M&from=202501&to=202512", admin()).json().get("total").asInt());
        assertEquals(19, get(q + "&from=202501&to=202512", admin()).json().get("total").asInt());
        assertEquals(4, get(q + "&indicator=IT-RANGE-Q&from=2025&to=2025", admin()).json().get("total").asInt());
        assertEquals(2, get(q + "&indicator=IT-RANGE-S&from=2025&to=2025", admin()).json().get("total").asInt());
        // Q2..Q3 holds April..September and the two quarters; no half-year or year lies within it
        assertEquals(8, get(q + "&from=2025Q2&to=2025Q3", admin()).json().get("total").asInt());
        assertEquals(22, get(q + "&to=2200", admin()).json().get("total").asInt());
        assertEquals(20, get(q + "&from=2025", admin()).json().get("total").asInt());
        assertEquals(21, get(q + "&to=2025", admin()).json().get("total").asInt());
        Reply backwards = get(q + "&from=2026&to=2025", admin());
        assertEquals(400, backwards.status());
        assertEquals(List.of("to"), fields(backwards));
    }

    /** Issue 15 point 3: a value for a period that has not started is refused (400 naming period) on every channel. */
    @Test
    public void aPeriodThatHasNotStartedIsRefused() throws Exception {
        long before = values.count();
        String next = java.time.YearMonth.now().plusMonths(1).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM"));
        for (String period : List.of("203001", next)) {
            Reply put = send("PUT", "/api/datavalues", admin(), value("ONLINE-DOSSIER-RATE", "HUE-HUONG-TRA", period, 50));
            assertEquals(put.toString(), 400, put.status());
            assertEquals(List.of("period"), fields(put));
            assertTrue(put.toString(), put.body().contains("has not started"));
        }
        Reply batch = send("POST", "/api/datavalues/batch", admin(), Map.of("values", List.of(
                value("ONLINE-DOSSIER-RATE", "HUE-HUONG-TRA", "202401", 50),
                value("STARTUPS", "HUE-HUONG-TRA", "2030Q1", 5))));
        assertEquals(batch.toString(), 400, batch.status());
        assertEquals(List.of("values[1].period"), fields(batch));
        Reply soap = soapWrite(admin(), "ONLINE-DOSSIER-RATE", "HUE-HUONG-TRA", "203001", 50, null);
        org.w3c.dom.Element early = assertSoapFault(soap, "Client", "invalid_input", "values[0].period");
        assertTrue(soap.body(), early.getTextContent().contains("has not started"));
        Reply file = csv(admin(), "indicator,orgUnit,period,value\nONLINE-DOSSIER-RATE,HUE-HUONG-TRA,202402,50\n"
                + "ONLINE-DOSSIER-RATE,HUE-HUONG-TRA,203001,50\n");
        assertEquals(file.toString(), 400, file.status());
        assertTrue(file.toString(), file.body().contains("row 3, column period"));
        assertEquals("nothing was stored", before, values.count());
        String now = java.time.YearMonth.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM"));
        assertEquals(200, send("PUT", "/api/datavalues", admin(), value("ONLINE-DOSSIER-RATE", "HUE-HUONG-TRA", now, 50)).status());
    }

    /** Issue 15 point 7: a refused batch names every refused index; mode=upsert makes re-sending a no-op. */
    @Test
    public void aRefusedBatchNamesEveryIndexAndUpsertIsIdempotent() throws Exception {
        String unit = "HUE-HUONG-THUY";
        String reporter = createUser("upsert.reporter", "REPORTER", "HUE");
        String verifier = createUser("upsert.verifier", "VERIFIER", "HUE");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int m = 1; m <= 5; m++) {
            batch.add(value("ONLINE-DOSSIER-RATE", unit, String.format("2023%02d", m), 60 + m));
        }
        Reply first = send("POST", "/api/datavalues/batch", reporter, Map.of("values", batch));
        assertEquals(first.toString(), 200, first.status());
        long count = values.count();
        int audits = auditTotal("batch");

        Reply again = send("POST", "/api/datavalues/batch", reporter, Map.of("values", batch));
        assertEquals(again.toString(), 409, again.status());
        assertEquals(List.of("values[0].version", "values[1].version", "values[2].version", "values[3].version",
                "values[4].version"), fields(again));
        assertTrue(again.toString(), again.json().get("details").get(4).get("problem").asText().contains("current version is 1"));

        List<Map<String, Object>> broken = new ArrayList<>(batch);
        broken.set(1, value("ONLINE-DOSSIER-RATE", unit, "202302", 130));
        broken.set(3, value("ONLINE-DOSSIER-RATE", unit, "2023Q4", 1));
        Reply invalid = send("POST", "/api/datavalues/batch", reporter, Map.of("values", broken));
        assertEquals(invalid.toString(), 400, invalid.status());
        assertEquals(List.of("values[1].value", "values[3].period"), fields(invalid));

        Reply file = csv(reporter, "indicator,orgUnit,period,value\nONLINE-DOSSIER-RATE," + unit + ",202301,61\n"
                + "ONLINE-DOSSIER-RATE," + unit + ",202302,62\n");
        assertEquals(file.toString(), 409, file.status());
        assertEquals(List.of("row 2, column version", "row 3, column version"), fields(file));

        Reply same = send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", batch));
        assertEquals(same.toString(), 200, same.status());
        assertEquals(0, same.json().get("created").asInt());
        assertEquals(0, same.json().get("updated").asInt());
        assertEquals(5, same.json().get("unchanged").asInt());
        assertEquals(1, current("ONLINE-DOSSIER-RATE", unit, "202301").get("version").asLong());
        assertEquals(count, values.count());
        assertEquals("nothing written, nothing audited", audits, auditTotal("batch"));

        List<Map<String, Object>> changed = new ArrayList<>(batch);
        changed.set(0, value("ONLINE-DOSSIER-RATE", unit, "202301", 71));
        changed.set(2, value("ONLINE-DOSSIER-RATE", unit, "202303", 73));
        changed.add(value("ONLINE-DOSSIER-RATE", unit, "202306", 66));
        Reply mixed = send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", changed));
        assertEquals(mixed.toString(), 200, mixed.status());
        assertEquals(1, mixed.json().get("created").asInt());
        assertEquals(2, mixed.json().get("updated").asInt());
        assertEquals(3, mixed.json().get("unchanged").asInt());
        assertEquals(71.0, current("ONLINE-DOSSIER-RATE", unit, "202301").get("value").asDouble(), 0);
        assertEquals(2, current("ONLINE-DOSSIER-RATE", unit, "202301").get("version").asLong());
        Reply resent = send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", changed));
        assertEquals(6, resent.json().get("unchanged").asInt());

        // locked values are refused by name when the upsert would change them, and nothing else is applied
        long locked = verified(reporter, verifier, "ONLINE-DOSSIER-RATE", unit, "202312", 70);
        List<Map<String, Object>> overLocked = new ArrayList<>(changed);
        overLocked.set(1, value("ONLINE-DOSSIER-RATE", unit, "202302", 99));
        overLocked.add(value("ONLINE-DOSSIER-RATE", unit, "202312", 81));
        Reply refused = send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", overLocked));
        assertEquals(refused.toString(), 409, refused.status());
        assertEquals(List.of("values[6].value"), fields(refused));
        assertEquals(62.0, current("ONLINE-DOSSIER-RATE", unit, "202302").get("value").asDouble(), 0);
        assertEquals(locked, current("ONLINE-DOSSIER-RATE", unit, "202312").get("version").asLong());
        overLocked.set(1, value("ONLINE-DOSSIER-RATE", unit, "202302", 62));
        overLocked.set(6, value("ONLINE-DOSSIER-RATE", unit, "202312", 70));
        Reply identical = send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", overLocked));
        assertEquals("an identical locked value is left as it is: " + identical, 200, identical.status());
        assertEquals(7, identical.json().get("unchanged").asInt());
        Reply badMode = send("POST", "/api/datavalues/batch?mode=sometimes", reporter, Map.of("values", batch));
        assertEquals(400, badMode.status());
        assertEquals(List.of("mode"), fields(badMode));
    }

    private static Reply batchWithKey(String auth, String key, Object body) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(base() + "/api/datavalues/batch")).header("Authorization", auth)
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /** Issue 15 point 7: a batch re-sent with its Idempotency-Key gets the first answer again, without a second write. */
    @Test
    public void anIdempotencyKeyGetsTheFirstAnswerAgain() throws Exception {
        String unit = "HUE-HUONG-TRA";
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int m = 1; m <= 3; m++) {
            batch.add(value("ONLINE-DOSSIER-RATE", unit, String.format("2022%02d", m), 40 + m));
        }
        Reply first = batchWithKey(admin(), "upload-2022-q1", Map.of("values", batch));
        assertEquals(first.toString(), 200, first.status());
        assertEquals(3, first.json().get("created").asInt());
        long count = values.count();
        int audits = auditTotal("batch");

        Reply again = batchWithKey(admin(), "upload-2022-q1", Map.of("values", batch));
        assertEquals(again.toString(), 200, again.status());
        assertEquals(first.json(), again.json());
        assertEquals(count, values.count());
        assertEquals(audits, auditTotal("batch"));
        assertEquals(1, current("ONLINE-DOSSIER-RATE", unit, "202201").get("version").asLong());

        List<Map<String, Object>> other = new ArrayList<>(batch);
        other.set(0, value("ONLINE-DOSSIER-RATE", unit, "202204", 50));
        Reply reused = batchWithKey(admin(), "upload-2022-q1", Map.of("values", other));
        assertEquals(reused.toString(), 409, reused.status());
        assertTrue(reused.toString(), reused.json().get("message").asText().contains("Idempotency-Key"));
        assertEquals(null, current("ONLINE-DOSSIER-RATE", unit, "202204"));
        Reply bad = batchWithKey(admin(), "x".repeat(201), Map.of("values", other));
        assertEquals(400, bad.status());
        assertEquals(List.of("Idempotency-Key"), fields(bad));
        assertEquals(409, send("POST", "/api/datavalues/batch", admin(), Map.of("values", batch)).status());
        assertEquals(count, values.count());
    }

    @Test
    public void theApiDescribesItself() throws Exception {
        JsonNode root = get("/api/", null).json();
        assertEquals("Mekong", root.get("name").asText());
        JsonNode openapi = get("/api/openapi.json", null).json();
        assertTrue(openapi.get("openapi").asText().startsWith("3."));
        assertTrue(openapi.get("paths").has("/datavalues"));
        assertTrue(openapi.get("paths").has("/orgunits/{code}/subtree"));
        assertOpenApiComplete(openapi);
        assertEquals(200, get("/ui/api-docs.html", null).status());
        assertEquals(200, get("/api-docs/lib/swagger-ui-bundle.js", null).status());
        for (String docs : List.of("/api-docs", "/api-docs/")) {
            Reply r = get(docs, null);
            assertEquals(docs + " leads to Swagger UI: " + r, 302, r.status());
            assertTrue(r.raw().headers().firstValue("Location").orElse("").endsWith("/ui/api-docs.html"));
        }
        assertEquals(200, get("/ui/index.html", null).status());
        assertEquals(404, get("/api/no/such/thing", null).status());
    }

    private static Map<String, Object> indicatorDef(String code, String unit, String aggregation, String weight) {
        Map<String, Object> def = new java.util.HashMap<>(Map.of("code", code, "nameVi", "Chỉ số thử " + code, "nameEn",
                "Test indicator " + code, "layer", "OPERATIONAL", "unit", unit, "periodicity", "MONTHLY", "direction",
                "HIGHER_IS_BETTER", "ownerUnit", "HUE", "aggregation", aggregation));
        if (weight != null) {
            def.put("weightIndicator", weight);
        }
        return def;
    }

    private static JsonNode cell(String auth, String unit, String indicator) throws Exception {
        Reply o = get("/api/monitoring/overview?orgUnit=" + unit + "&asOf=202501", auth);
        assertEquals(o.toString(), 200, o.status());
        for (JsonNode c : o.json().get("indicators")) {
            if (c.get("code").asText().equals(indicator)) {
                return c;
            }
        }
        throw new AssertionError(indicator + " is not on the overview of " + unit);
    }

    private static JsonNode rollupPoint(String auth, String indicator) throws Exception {
        Reply r = get("/api/monitoring/rollup?indicator=" + indicator + "&orgUnit=HUE&from=202501&to=202501", auth);
        assertEquals(r.toString(), 200, r.status());
        return r.json().get("points").get(0);
    }

    /**
     * Issue 15 point 1: one read path. Indicators declare their aggregation (a weighted average by a
     * denominator, MIN, NONE...), and values not verified are seen, marked, only by data staff whose
     * scope covers them; the public dashboard computes from verified values only.
     */
    @Test
    public void indicatorValuesAggregateAsDeclaredAndShowDraftsOnlyToStaffAsDrafts() throws Exception {
        Reply noWeight = send("POST", "/api/indicators", admin(), indicatorDef("IT-AGG-RATE", "%", "WEIGHTED_AVERAGE", null));
        assertEquals(noWeight.toString(), 400, noWeight.status());
        assertEquals("weightIndicator", noWeight.json().get("details").get(0).get("field").asText());
        assertEquals(201, send("POST", "/api/indicators", admin(), indicatorDef("IT-AGG-DOSSIERS", "count", "SUM", null)).status());
        Reply rate = send("POST", "/api/indicators", admin(), indicatorDef("IT-AGG-RATE", "%", "WEIGHTED_AVERAGE",
                "IT-AGG-DOSSIERS"));
        assertEquals(rate.toString(), 201, rate.status());
        assertEquals("WEIGHTED_AVERAGE", get("/api/indicators/IT-AGG-RATE", null).json().get("aggregation").asText());
        assertEquals("IT-AGG-DOSSIERS", get("/api/indicators/IT-AGG-RATE", null).json().get("weightIndicator").asText());
        assertEquals(201, send("POST", "/api/indicators", admin(), indicatorDef("IT-AGG-LOW", "%", "MIN", null)).status());
        assertEquals(201, send("POST", "/api/indicators", admin(), indicatorDef("IT-AGG-OWN", "%", "NONE", null)).status());
        // the seeded indicators declare theirs
        assertEquals("SUM", get("/api/indicators/STARTUPS", null).json().get("aggregation").asText());
        assertEquals("AVERAGE", get("/api/indicators/ONLINE-DOSSIER-RATE", null).json().get("aggregation").asText());

        String reporter = createUser("agg.reporter", "REPORTER", "HUE");
        String verifier = createUser("agg.verifier", "VERIFIER", "HUE");
        String px = "HUE-PHU-XUAN";
        String kl = "HUE-KIM-LONG";
        String vd = "HUE-VY-DA";
        Reply batch = send("POST", "/api/datavalues/batch", reporter, Map.of("values", List.of(
                value("IT-AGG-RATE", px, "202501", 80), value("IT-AGG-RATE", kl, "202501", 50),
                value("IT-AGG-RATE", vd, "202501", 20), value("IT-AGG-DOSSIERS", px, "202501", 100),
                value("IT-AGG-DOSSIERS", kl, "202501", 300), value("IT-AGG-LOW", px, "202501", 30),
                value("IT-AGG-LOW", kl, "202501", 10), value("IT-AGG-LOW", vd, "202501", 20),
                value("IT-AGG-OWN", px, "202501", 40))));
        assertEquals(batch.toString(), 200, batch.status());

        // staff of Hue see the drafts, marked as such; (80 x 100 + 50 x 300) / 400 = 57.5, VD has no weight
        JsonNode staffRate = rollupPoint(reporter, "IT-AGG-RATE");
        assertEquals(57.5, staffRate.get("value").asDouble(), 1e-9);
        assertEquals("WEIGHTED_AVERAGE", get("/api/monitoring/rollup?indicator=IT-AGG-RATE&orgUnit=HUE&from=202501&to=202501",
                reporter).json().get("aggregation").asText());
        assertEquals(400, rollupPoint(reporter, "IT-AGG-DOSSIERS").get("value").asInt());
        assertEquals(10, rollupPoint(reporter, "IT-AGG-LOW").get("value").asDouble(), 1e-9);
        assertFalse(rollupPoint(reporter, "IT-AGG-OWN").hasNonNull("value"));
        JsonNode low = cell(reporter, "HUE", "IT-AGG-LOW");
        assertEquals(10, low.get("value").asDouble(), 1e-9);
        assertFalse(low.toString(), low.get("verified").asBoolean());
        assertEquals("ROLLUP", low.get("source").asText());
        assertTrue(low.get("note").asText().contains("Not verified") || low.get("note").asText().contains("not verified"));
        JsonNode own = cell(reporter, kl, "IT-AGG-LOW");
        assertEquals("DRAFT", own.get("state").asText());
        assertFalse(own.get("verified").asBoolean());
        // the public sees nothing of the drafts
        assertFalse(cell(null, "HUE", "IT-AGG-LOW").hasNonNull("value"));
        assertFalse(rollupPoint(null, "IT-AGG-RATE").hasNonNull("value"));
        assertFalse(cell(null, kl, "IT-AGG-LOW").hasNonNull("value"));

        // verified at PX and VD only: the public minimum is 20 (KL's 10 is not verified), staff still see 10
        for (String unit : List.of(px, vd)) {
            Reply submitted = send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", unit, "period", "202501",
                    "indicators", List.of("IT-AGG-LOW", "IT-AGG-RATE", "IT-AGG-DOSSIERS")));
            assertEquals(submitted.toString(), 200, submitted.status());
        }
        Reply ok = send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(
                Map.of("indicator", "IT-AGG-LOW", "orgUnit", px, "period", "202501"),
                Map.of("indicator", "IT-AGG-LOW", "orgUnit", vd, "period", "202501"),
                Map.of("indicator", "IT-AGG-RATE", "orgUnit", px, "period", "202501"),
                Map.of("indicator", "IT-AGG-DOSSIERS", "orgUnit", px, "period", "202501"))));
        assertEquals(ok.toString(), 200, ok.status());
        JsonNode publicLow = cell(null, "HUE", "IT-AGG-LOW");
        assertEquals(20, publicLow.get("value").asDouble(), 1e-9);
        assertTrue(publicLow.get("verified").asBoolean());
        assertEquals(10, cell(reporter, "HUE", "IT-AGG-LOW").get("value").asDouble(), 1e-9);
        // staff may ask for the verified figures only: what the public sees
        Reply verifiedView = get("/api/monitoring/overview?orgUnit=HUE&asOf=202501&view=verified", reporter);
        assertEquals(verifiedView.toString(), 200, verifiedView.status());
        assertTrue(verifiedView.json().get("verifiedOnly").asBoolean());
        for (JsonNode c : verifiedView.json().get("indicators")) {
            if (c.get("code").asText().equals("IT-AGG-LOW")) {
                assertEquals(20, c.get("value").asDouble(), 1e-9);
                assertTrue(c.get("verified").asBoolean());
            }
        }
        assertEquals(400, get("/api/monitoring/overview?orgUnit=HUE&view=sometimes", reporter).status());
        // the public weighted average has PX only (KL's values are drafts): 80
        assertEquals(80, rollupPoint(null, "IT-AGG-RATE").get("value").asDouble(), 1e-9);
        assertEquals(57.5, rollupPoint(verifier, "IT-AGG-RATE").get("value").asDouble(), 1e-9);
        JsonNode verifiedOwn = cell(null, px, "IT-AGG-LOW");
        assertEquals("VERIFIED", verifiedOwn.get("state").asText());
        assertTrue(verifiedOwn.get("verified").asBoolean());
    }
}

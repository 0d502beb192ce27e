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
}

package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mekong.itests.SecurityFixtures.ENVELOPE;
import static org.mekong.itests.SecurityFixtures.assertSecurityHeaders;
import static org.mekong.itests.SecurityFixtures.client;
import static org.mekong.itests.SecurityFixtures.clientWithKey;
import static org.mekong.itests.SecurityFixtures.keystore;
import static org.mekong.itests.SecurityFixtures.raw;
import static org.mekong.itests.SecurityFixtures.soap;
import static org.mekong.itests.SecurityFixtures.sshKey;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The hostile-input suite of the security issue against the real distribution, booted with the
 * production profile of docs/security.md: HTTPS from a keystore, plain HTTP and the management ports
 * on loopback, {@code public.url} set. Each refusal also checks that nothing was stored or changed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class SecurityIT extends MekongTestSupport {
    static final String PUBLIC_URL = "https://mekong.example.gov.vn";

    @Configuration
    public Option[] config() throws Exception {
        int httpsPort = freePort();
        File keystore = keystore();
        List<Option> options = new ArrayList<>(List.of(distribution(freePort())));
        options.addAll(SecurityFixtures.productionProfile(httpsPort, keystore, PUBLIC_URL));
        options.add(CoreOptions.systemProperty("mekong.https.port").value(Integer.toString(httpsPort)));
        return options.toArray(Option[]::new);
    }

    // ------------------------------------------------------------------ transport and headers (#11, #12)

    @Test
    public void a_everyAnswerCarriesTheSecurityHeaders() throws Exception {
        for (String path : List.of("/ui/index.html", "/portal/index.html", "/monitoring/dashboard.html", "/api/",
                "/api/no-such-thing", "/api/orgunits/NOWHERE", "/soap/data?wsdl", "/ui/api-docs.html")) {
            Reply r = get(path, null);
            assertTrue(path + " answers: " + r.status(), r.status() < 500);
            assertSecurityHeaders(path, r.raw());
            assertFalse(path + ": no HSTS over plain HTTP", r.raw().headers().firstValue("Strict-Transport-Security").isPresent());
        }
        Reply refused = send("POST", "/api/users", basic("admin", "wrong-password"), Map.of());
        assertEquals(401, refused.status());
        assertSecurityHeaders("a 401", refused.raw());
    }

    @Test
    public void b_httpsServesTheApiWithHsts() throws Exception {
        HttpClient client = SecurityFixtures.trustingLocalhost();
        String https = "https://localhost:" + System.getProperty("mekong.https.port");
        HttpResponse<String> me = client.send(HttpRequest.newBuilder(URI.create(https + "/api/me"))
                .header("Authorization", admin()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(me.body(), 200, me.statusCode());
        assertTrue(me.body().contains("\"admin\""));
        assertTrue("HSTS over HTTPS", me.headers().firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="));
        assertSecurityHeaders("HTTPS /api/me", me);
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(https + "/ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
    }

    @Test
    public void c_httpAndManagementPortsListenOnLoopbackOnly() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        org.junit.Assume.assumeNotNull("this machine has a non-loopback address", outside);
        for (String port : List.of(System.getProperty("mekong.http.port"), System.getProperty("mekong.ssh.port"))) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(outside, Integer.parseInt(port)), 3000);
                throw new AssertionError("port " + port + " answers on " + outside);
            } catch (ConnectException expected) {
                // refused: loopback only
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 3000);
            }
        }
    }

    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ host header and links (#20)

    @Test
    public void d_aForeignHostHeaderIsRefusedAndLinksFollowPublicUrl() throws Exception {
        for (String path : List.of("/soap/data?wsdl", "/api/portal/feed.rss", "/api/open311/v2/discovery.json", "/api/")) {
            String answer = raw("GET", path, "evil.example", Map.of(), null);
            assertTrue(path + ": " + answer.lines().findFirst().orElse(""), answer.startsWith("HTTP/1.1 400"));
            assertFalse(path + " names the foreign host", answer.contains("evil.example/"));
        }
        String wsdl = get("/soap/data?wsdl", null).body();
        assertTrue("the WSDL address is public.url: " + wsdl.substring(wsdl.indexOf("soap:address")),
                wsdl.contains("location=\"" + PUBLIC_URL + "/soap/data\""));
        String rss = get("/api/portal/feed.rss", null).body();
        assertTrue("feed links use public.url", rss.contains(PUBLIC_URL));
        String local = raw("GET", "/api/", "localhost:" + System.getProperty("mekong.http.port"), Map.of(), null);
        assertTrue(local.lines().findFirst().orElse(""), local.startsWith("HTTP/1.1 200"));
    }

    // ------------------------------------------------------------------ cross-site requests (#19)

    @Test
    public void e_crossSiteWritesWithBrowserCredentialsAreRefused() throws Exception {
        String code = "SEC-CSRF-1";
        String unit = "{\"code\":\"" + code + "\",\"nameVi\":\"Đơn vị\",\"nameEn\":\"Unit\",\"level\":\"COMMUNE\",\"parentCode\":\"HUE\"}";
        String host = "localhost:" + System.getProperty("mekong.http.port");
        String forged = raw("POST", "/api/orgunits", host, Map.of("Authorization", admin(), "Origin", "https://evil.example",
                "Content-Type", "application/json"), unit);
        assertTrue(forged.lines().findFirst().orElse(""), forged.startsWith("HTTP/1.1 403"));
        assertTrue(forged, forged.contains("another site"));
        String byReferer = raw("POST", "/api/warnings/run", host, Map.of("Authorization", admin(), "Referer",
                "https://evil.example/page.html", "Cookie", "JSESSIONID=x"), "");
        assertTrue(byReferer.lines().findFirst().orElse(""), byReferer.startsWith("HTTP/1.1 403"));
        assertEquals("nothing was created", 404, get("/api/orgunits/" + code, null).status());

        String sameSite = raw("POST", "/api/orgunits", host, Map.of("Authorization", admin(), "Origin", "http://" + host,
                "Content-Type", "application/json"), unit);
        assertTrue(sameSite.lines().findFirst().orElse(""), sameSite.startsWith("HTTP/1.1 201"));
        // programs send no Origin: integrators keep working with Basic
        Reply program = send("POST", "/api/orgunits", admin(), Map.of("code", "SEC-CSRF-2", "nameVi", "Đơn vị", "nameEn",
                "Unit", "level", "COMMUNE", "parentCode", "HUE"));
        assertEquals(program.toString(), 201, program.status());
    }

    // ------------------------------------------------------------------ one base path per protocol (#21)

    @Test
    public void f_soapServesOnlySoap() throws Exception {
        assertEquals(404, get("/soap/users", admin()).status());
        assertEquals(404, get("/soap/orgunits", null).status());
        assertEquals(404, get("/soap/users?_wadl", null).status());
        Reply list = get("/soap/", null);
        assertFalse("no CXF service list", list.body().contains("Service list") || list.body().contains("Available SOAP services"));
        assertEquals(200, get("/soap/data?wsdl", null).status());
        assertEquals(200, get("/soap/feedback-service?wsdl", null).status());
        assertEquals(200, get("/api/orgunits/HUE", null).status());
    }

    // ------------------------------------------------------------------ SOAP limits (#9)


    @Test
    public void g_soapBodiesAndDocumentsAreBounded() throws Exception {
        // the test distribution caps bodies at 2 MiB (MekongTestSupport), as it does REST bodies
        String huge = ENVELOPE + "<soapenv:Body><d:listIndicators><layer>" + "x".repeat(3 * 1024 * 1024)
                + "</layer></d:listIndicators></soapenv:Body></soapenv:Envelope>";
        for (boolean chunked : List.of(false, true)) {
            Reply r = soap(huge, chunked);
            assertEquals("chunked=" + chunked + ": " + r.body(), 413, r.status());
            assertTrue(r.body(), r.body().contains("payload_too_large") && r.body().length() < 2000);
        }
        Reply deep = soap(ENVELOPE + "<soapenv:Header>" + "<a>".repeat(200) + "</a>".repeat(200)
                + "</soapenv:Header><soapenv:Body><d:listIndicators/></soapenv:Body></soapenv:Envelope>", false);
        assertTrue(deep.body(), deep.body().contains("Depth"));
        Reply wide = soap(ENVELOPE + "<soapenv:Header><h>" + "<a/>".repeat(30_000)
                + "</h></soapenv:Header><soapenv:Body><d:listIndicators/></soapenv:Body></soapenv:Envelope>", false);
        assertTrue(wide.body(), wide.body().contains("Child Elements"));
        Reply fine = soap(ENVELOPE + "<soapenv:Body><d:listIndicators/></soapenv:Body></soapenv:Envelope>", false);
        assertEquals(fine.body(), 200, fine.status());
        Reply rest = call("POST", "/api/feedback/items", null, "application/json", new byte[3 * 1024 * 1024]);
        assertEquals("REST keeps the same cap", 413, rest.status());
    }

    // ------------------------------------------------------------------ CSV exports (#8)

    @Test
    public void h_csvExportsCannotCarryFormulas() throws Exception {
        String leader = createUser("sec.csv.leader", "LEADER", "HUE");
        for (String[] t : List.of(new String[] { "SEC-CSV-1", "=1+1" }, new String[] { "SEC-CSV-2", "@SUM(A1:A9)" },
                new String[] { "SEC-CSV-3", "+cmd|' /C calc'!A0" }, new String[] { "SEC-CSV-4", "-2+3" })) {
            Reply r = send("POST", "/api/monitoring/tasks", leader, Map.of("code", t[0], "title", t[1], "orgUnit", "HUE",
                    "deadline", "2030-01-01"));
            assertEquals(r.toString(), 201, r.status());
        }
        Reply csv = get("/api/monitoring/tasks?orgUnit=HUE&q=SEC-CSV&format=csv", leader);
        assertEquals(csv.body(), 200, csv.status());
        for (String formula : List.of("=1+1", "@SUM(A1:A9)", "+cmd|", "-2+3")) {
            assertTrue(formula + " neutralised: " + csv.body(), csv.body().contains("\"'" + formula));
            assertFalse(formula + " verbatim", csv.body().contains("\"" + formula));
        }
        // the stored title is unchanged: only the export cell is neutralised
        assertEquals("=1+1", get("/api/monitoring/tasks/SEC-CSV-1", leader).json().get("title").asText());
    }

    // ------------------------------------------------------------------ the management shell (#3)

    @Test
    public void i_theShellIsForAdminsAndRunsNoOperatingSystemCommands() throws Exception {
        createUser("sec.ssh.it", "CENTRAL_IT", "VN");
        String[] central = client("sec.ssh.it", "sec.ssh.it-password-1", "mekong:status");
        assertFalse("a CENTRAL_IT account opened the shell: " + central[0], central[0].contains("Mekong version"));
        String[] status = { "", "" };
        for (int i = 0; i < 30 && !status[0].contains("Mekong version"); i++) {
            status = client("admin", ADMIN_PASSWORD, "mekong:status");
        }
        assertTrue("an admin runs Mekong commands: " + status[0], status[0].contains("Mekong version"));
        for (String command : List.of("shell:exec id", "shell:java java.lang.System exit 1", "system:property mekong.security.it changed",
                "system:shutdown -f", "shell:source http://localhost/x.script")) {
            String out = client("admin", ADMIN_PASSWORD, command)[0];
            assertFalse(command + " ran: " + out, out.contains("uid="));
            assertTrue(command + " refused: " + out, out.contains("Command not found"));
        }
        assertEquals("system:property changed nothing", null, System.getProperty("mekong.security.it"));
        assertEquals("the server still answers", 200, get("/api/", null).status());
    }

    @Test
    public void n_anAdministratorLogsInToTheShellWithAKey() throws Exception {
        String[] key = sshKey();
        java.nio.file.Path keys = java.nio.file.Path.of(System.getProperty("karaf.etc"), "keys.properties");
        java.nio.file.Files.writeString(keys, "\nkeyadmin=" + key[1] + ",_g_:admingroup\n", java.nio.file.StandardOpenOption.APPEND);
        String out = clientWithKey("keyadmin", key[0], "mekong:status");
        assertTrue("a key listed in etc/keys.properties opens the shell: " + out, out.contains("Mekong version"));
        String refused = clientWithKey("keyadmin", sshKey()[0], "mekong:status");
        assertFalse("an unlisted key is refused: " + refused, refused.contains("Mekong version"));
    }

    // ------------------------------------------------------------------ audit scope (#5)

    private static Map<String, Object> value(String unit, String period, double v) {
        return Map.of("indicator", "STARTUPS", "orgUnit", unit, "period", period, "value", v);
    }

    @Test
    public void j_theAuditTrailShowsALeaderOnlyTheirOwnUnits() throws Exception {
        assertEquals(200, send("PUT", "/api/datavalues", admin(), value("HUE-QUANG-DIEN", "2024Q3", 3)).status());
        assertEquals(200, send("PUT", "/api/datavalues", admin(), value("HA-NOI", "2024Q3", 5)).status());
        assertEquals(200, send("POST", "/api/datavalues/batch", admin(), Map.of("values", List.of(
                value("HUE-QUANG-DIEN", "2024Q2", 1), value("HUE", "2024Q2", 2)))).status());
        String hanoi = createUser("sec.audit.hanoi", "LEADER", "HA-NOI");
        String hue = createUser("sec.audit.hue", "LEADER", "HUE");

        Reply own = get("/api/audit?limit=200", hanoi);
        assertEquals(own.toString(), 200, own.status());
        assertTrue("the leader sees their unit's entry: " + own.body(), own.body().contains("STARTUPS/HA-NOI/2024Q3"));
        for (var e : own.json().get("items")) {
            String type = e.get("entityType").asText();
            assertFalse("no accounts, scopes or plugins for a province leader: " + e, List.of("User", "PluginScope",
                    "Plugin", "Indicator", "DiscussionTopic", "DiscussionSpace").contains(type));
            assertFalse("no other province's data: " + e, e.toString().contains("HUE"));
        }
        assertEquals(0, get("/api/audit?entityType=User", hanoi).json().get("total").asInt());
        assertEquals(0, get("/api/audit?entityType=DataValue&entityKey=STARTUPS/HUE-QUANG-DIEN", hanoi).json().get("total").asInt());
        assertEquals("and the values' own endpoint agrees", 403,
                get("/api/datavalues?indicator=STARTUPS&orgUnit=HUE-QUANG-DIEN&period=2024Q3", hanoi).status());

        JsonNode hueView = get("/api/audit?entityType=DataValue&limit=200", hue).json();
        assertTrue(hueView.toString().contains("STARTUPS/HUE-QUANG-DIEN/2024Q3"));
        assertTrue("a batch of one province's values belongs to it", hueView.toString().contains("\"BATCH\""));
        assertFalse(hueView.toString().contains("HA-NOI"));
        JsonNode all = get("/api/audit?limit=500", admin()).json();
        assertTrue(all.toString().contains("STARTUPS/HA-NOI/2024Q3") && all.toString().contains("\"User\""));
    }

    // ------------------------------------------------------------------ four eyes (#6)

    private static String userWithRoles(String name, String unit, String... roles) throws Exception {
        Reply r = send("POST", "/api/users", admin(), Map.of("username", name, "displayName", name, "password",
                name + "-password-1", "roles", List.of(roles), "orgUnits", List.of(unit)));
        assertEquals(r.toString(), 201, r.status());
        return basic(name, name + "-password-1");
    }

    @Test
    public void k_nobodyVerifiesOrPublishesTheirOwnWork() throws Exception {
        String both = userWithRoles("sec.both", "HUE", "REPORTER", "VERIFIER");
        assertEquals(200, send("PUT", "/api/datavalues", both, value("HUE-QUANG-DIEN", "2024Q4", 7)).status());
        assertEquals(200, send("POST", "/api/datavalues/submit", both, Map.of("orgUnit", "HUE-QUANG-DIEN", "period", "2024Q4")).status());
        Map<String, Object> keys = Map.of("keys", List.of(Map.of("indicator", "STARTUPS", "orgUnit", "HUE-QUANG-DIEN", "period", "2024Q4")));
        Reply self = send("POST", "/api/datavalues/verify", both, keys);
        assertEquals(self.toString(), 403, self.status());
        assertTrue(self.body(), self.body().contains("four-eyes"));
        Reply selfReject = send("POST", "/api/datavalues/reject", both, Map.of("keys", keys.get("keys"), "reason", "tự từ chối"));
        assertEquals(selfReject.toString(), 403, selfReject.status());
        String state = "/api/datavalues?indicator=STARTUPS&orgUnit=HUE-QUANG-DIEN&period=2024Q4";
        assertEquals("unchanged", "SUBMITTED", get(state, admin()).json().get("items").get(0).get("state").asText());
        Reply other = send("POST", "/api/datavalues/verify", createUser("sec.verifier", "VERIFIER", "HUE"), keys);
        assertEquals(other.toString(), 200, other.status());
        assertEquals("VERIFIED", get(state, admin()).json().get("items").get(0).get("state").asText());

        String writer = userWithRoles("sec.editor.reviewer", "VN", "EDITOR", "REVIEWER");
        Map<String, Object> article = new java.util.HashMap<>(Map.of("kind", "ARTICLE", "titleVi", "Bài tự duyệt",
                "titleEn", "Self-reviewed", "summaryVi", "Tóm tắt", "bodyVi", "<p>Nội dung.</p>", "category", "NEWS"));
        Reply created = send("POST", "/api/portal/manage/items", writer, article);
        assertEquals(created.toString(), 201, created.status());
        long id = created.json().get("id").asLong();
        assertEquals(200, send("POST", "/api/portal/manage/items/" + id + "/submit", writer, Map.of()).status());
        Reply selfPublish = send("POST", "/api/portal/manage/items/" + id + "/publish", writer, Map.of());
        assertEquals(selfPublish.toString(), 403, selfPublish.status());
        assertTrue(selfPublish.body(), selfPublish.body().contains("four-eyes"));
        assertEquals("not public", 404, get("/api/portal/items/" + id, null).status());
        Reply published = send("POST", "/api/portal/manage/items/" + id + "/publish",
                createUser("sec.reviewer", "REVIEWER", "VN"), Map.of());
        assertEquals(published.toString(), 200, published.status());
    }

    // ------------------------------------------------------------------ authorise before validating, no internals (#22)

    @Test
    public void l_writesAreAuthorisedBeforeTheirInputIsReadAndErrorsNameNoClasses() throws Exception {
        Reply anonymous = send("POST", "/api/users", null, "{not json");
        assertEquals(anonymous.toString(), 401, anonymous.status());
        Reply anonymousPut = send("PUT", "/api/datavalues", null, "{\"indicator\": 12, \"value\": \"many\"}");
        assertEquals(anonymousPut.toString(), 401, anonymousPut.status());
        String reporter = createUser("sec.validate.reporter", "REPORTER", "HUE");
        Reply wrongRole = send("POST", "/api/indicators", reporter, "{not json");
        assertEquals(wrongRole.toString(), 403, wrongRole.status());
        Reply orgUnit = send("POST", "/api/orgunits", reporter, Map.of("unknown", 1));
        assertEquals(orgUnit.toString(), 403, orgUnit.status());
        Reply publicIntake = send("POST", "/api/feedback/items", null, "{not json");
        assertEquals("citizens' intake stays open: " + publicIntake, 400, publicIntake.status());

        Reply badEnum = send("POST", "/api/users", admin(), Map.of("username", "sec.enum", "displayName", "x", "password",
                "sec.enum-password-1", "roles", List.of("EMPEROR"), "orgUnits", List.of("HUE")));
        assertEquals(badEnum.toString(), 400, badEnum.status());
        Reply badType = send("PUT", "/api/datavalues", admin(), "{\"indicator\":\"STARTUPS\",\"orgUnit\":\"HUE\","
                + "\"period\":\"2024Q1\",\"value\":{\"a\":1}}");
        assertEquals(badType.toString(), 400, badType.status());
        Reply badSoap = soap(ENVELOPE + "<soapenv:Body><d:submitDataValues><value><indicator>X</indicator><value>abc</value>"
                + "</value></d:submitDataValues></soapenv:Body></soapenv:Envelope>", false);
        for (Reply r : List.of(badEnum, badType, badSoap)) {
            assertFalse("no internal class names: " + r.body(), r.body().matches("(?s).*\\b(org\\.mekong|java\\.|javax\\.|com\\.fasterxml)\\.[a-z].*"));
        }
    }

    // ------------------------------------------------------------------ files at rest (#23)

    @Test
    public void m_configurationAndDataAreTheServerAccountsOnly() throws Exception {
        java.nio.file.Path etc = java.nio.file.Path.of(System.getProperty("karaf.etc"));
        java.nio.file.Path data = java.nio.file.Path.of(System.getProperty("karaf.data"));
        org.junit.Assume.assumeTrue(java.nio.file.Files.getFileStore(etc).supportsFileAttributeView("posix"));
        eventually("etc/ and data/ are private", Duration.ofSeconds(30), () ->
                "rwx------".equals(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(etc)))
                && "rwx------".equals(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(data))));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(etc.resolve("org.mekong.identity.cfg"))));
    }
}

package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.features.FeaturesService;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** SOAP for integrators, the JAAS realm, the shell command, and a plugin deployed live. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegrationIT extends MekongTestSupport {
    private static final String SOAP_NS = "http://mekong.org/soap/data/1.0";

    @Inject
    private FeaturesService features;
    @Inject
    private SessionFactory sessions;
    /** Injection waits for the realm, so the JAAS test never races the identity bundle (slow machines: 2 min). */
    @Inject
    @org.ops4j.pax.exam.util.Filter(value = "(org.apache.karaf.jaas.realm.name=mekong)", timeout = 120_000)
    private org.apache.karaf.jaas.config.JaasRealm realm;

    @Inject
    private org.osgi.framework.BundleContext context;
    @Inject
    @org.ops4j.pax.exam.util.Filter(value = "(osgi.jndi.service.name=mekongds)", timeout = 120_000)
    private javax.sql.DataSource dataSource;

    @Configuration
    public Option[] config() {
        // the archetype -> a province plugin, 1.0.0 and 1.1.0 (with a migration), built before Karaf starts
        java.io.File[] kars = ProvincePlugin.build(new java.io.File(System.getProperty("project.build.directory", "target"),
                "province-plugin"));
        java.util.List<Option> options = new java.util.ArrayList<>(java.util.List.of(distribution(freePort())));
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("province.kar.v1").value(kars[0].getAbsolutePath()));
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("province.kar.v2").value(kars[1].getAbsolutePath()));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            // the server resolves mvn: URLs of the province's 1.1.0 from the repository Maven installed it in
            options.add(org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut(
                    "etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo));
        }
        return options.toArray(Option[]::new);
    }

    private static byte[] envelope(String operation, String content) {
        return ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m:" + operation
                + " xmlns:m=\"" + SOAP_NS + "\">" + content + "</m:" + operation + "></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Reply soap(String auth, String operation, String content) throws Exception {
        return call("POST", "/soap/data", auth, "text/xml; charset=UTF-8", envelope(operation, content));
    }

    @Test
    public void soapServiceHasAWsdlAndSharesTheRestRules() throws Exception {
        Reply wsdl = get("/soap/data?wsdl", null);
        assertEquals(200, wsdl.status());
        assertTrue(wsdl.body().contains("wsdl:definitions"));
        assertTrue(wsdl.body().contains("name=\"MekongDataService\""));
        assertTrue(wsdl.body().contains("submitDataValues"));
        assertWsdlDocumented(wsdl.body());

        Reply list = soap(admin(), "listIndicators", "<layer>OPERATIONAL</layer>");
        assertEquals(list.body(), 200, list.status());
        assertTrue(list.body().contains("<code>STARTUPS</code>"));
        assertFalse(list.body().contains("KSG-DT"));

        String value = "<value><indicator>BROADBAND-COVERAGE</indicator><orgUnit>HUE-KIM-LONG</orgUnit><period>2025Q1</period><value>81.5</value></value>";
        Reply submitted = soap(admin(), "submitDataValues", value);
        assertEquals(submitted.body(), 200, submitted.status());
        assertTrue(submitted.body().contains("<created>1</created>"));
        Reply duplicate = soap(admin(), "submitDataValues", value);
        assertSoapFault(duplicate, "Client", "conflict");

        Reply viaRest = get("/api/datavalues?indicator=BROADBAND-COVERAGE&orgUnit=HUE-KIM-LONG&period=2025Q1", admin());
        assertEquals(81.5, viaRest.json().get("items").get(0).get("value").asDouble(), 0);
        Reply read = soap(admin(), "readDataValues", "<indicator>BROADBAND-COVERAGE</indicator><orgUnit>HUE</orgUnit><descendants>true</descendants>");
        assertEquals(200, read.status());
        assertTrue(read.body().contains("<value>81.5</value>"));
        long total = get("/api/datavalues?indicator=BROADBAND-COVERAGE&orgUnit=HUE&descendants=true&limit=1", admin())
                .json().get("total").asLong();
        assertTrue("the total of the REST read: " + total, total >= 1);
        assertTrue(read.body(), read.body().contains("<total>" + total + "</total>") && read.body().contains("<offset>0</offset>")
                && read.body().contains("<limit>100</limit>"));
        Reply paged = soap(admin(), "readDataValues", "<indicator>BROADBAND-COVERAGE</indicator><orgUnit>HUE</orgUnit>"
                + "<descendants>true</descendants><offset>" + total + "</offset><limit>5</limit>");
        assertEquals(paged.body(), 200, paged.status());
        assertTrue("past the last value: no values, the same total " + paged.body(), !paged.body().contains("<indicator>")
                && paged.body().contains("<total>" + total + "</total>") && paged.body().contains("<offset>" + total + "</offset>")
                && paged.body().contains("<limit>5</limit>"));
        assertSoapFault(soap(admin(), "readDataValues", "<limit>5000</limit>"), "Client", "invalid_input", "limit");

        // The verification workflow over SOAP: submit the unit's period, then a verifier decides.
        Reply submit = soap(admin(), "submitForVerification", "<orgUnit>HUE-KIM-LONG</orgUnit><period>2025Q1</period>");
        assertEquals(submit.body(), 200, submit.status());
        assertTrue(submit.body(), submit.body().contains("<submitted>1</submitted>"));
        String key = "<key><indicator>BROADBAND-COVERAGE</indicator><orgUnit>HUE-KIM-LONG</orgUnit><period>2025Q1</period></key>";
        Reply noReason = soap(admin(), "decideValues", key + "<verify>false</verify>");
        assertSoapFault(noReason, "Client", "invalid_input");
        Reply own = soap(admin(), "decideValues", key + "<verify>true</verify>");
        assertSoapFault(own, "Client", "forbidden");
        Reply verified = soap(createUser("soap.verifier", "VERIFIER", "HUE"), "decideValues", key + "<verify>true</verify>");
        assertEquals(verified.body(), 200, verified.status());
        assertEquals("VERIFIED", get("/api/datavalues?indicator=BROADBAND-COVERAGE&orgUnit=HUE-KIM-LONG&period=2025Q1",
                admin()).json().get("items").get(0).get("state").asText());

        // wrong credentials and a missing account are SOAP faults too (HTTP 500), the Basic challenge kept
        Reply wrong = soap(basic("admin", "wrong"), "listIndicators", "");
        assertSoapFault(wrong, "Client", "unauthorized");
        assertTrue(wrong.toString(), wrong.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertFalse("nothing listed for a wrong password", wrong.body().contains("<code>STARTUPS</code>"));
        assertSoapFault(soap("Bearer not-a-token", "listIndicators", ""), "Client", "unauthorized");
        Reply anonymousWrite = soap(null, "submitDataValues", value.replace("2025Q1", "2025Q2"));
        assertSoapFault(anonymousWrite, "Client", "unauthorized");
        Reply invalid = soap(admin(), "submitDataValues", value.replace("HUE-KIM-LONG", "NOWHERE"));
        org.w3c.dom.Element detail = assertSoapFault(invalid, "Client", "invalid_input", "values[0].orgUnit");
        assertTrue(invalid.body(), detail.getTextContent().contains("unknown org unit 'NOWHERE'"));
        // a message CXF refuses itself (not XML of the contract) is a fault with a detail as well
        assertSoapFault(call("POST", "/soap/data", admin(), "text/xml; charset=UTF-8",
                envelope("submitDataValues", "<value><value>abc</value></value>")), "Client", "invalid_input");
    }

    @Test
    public void jaasRealmMekongAuthenticatesPlatformAccounts() throws Exception {
        Subject subject = login("admin", ADMIN_PASSWORD);
        Set<String> names = subject.getPrincipals().stream().map(Principal::getName).collect(Collectors.toSet());
        assertTrue(names.contains("admin"));
        assertTrue(names.contains("ADMIN"));
        assertTrue("shell access for admins", names.contains("ssh"));
        try {
            login("admin", "not-the-password");
            throw new AssertionError("a wrong password logged in");
        } catch (LoginException expected) {
            // refused, as it should be
        }
    }

    private static Subject login(String user, String password) throws LoginException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(IntegrationIT.class.getClassLoader());
        try {
            Subject subject = new Subject();
            LoginContext context = new LoginContext("mekong", subject, callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user);
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    }
                }
            });
            context.login();
            return subject;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs a shell command, waiting while it is not registered yet (the shell registers commands lazily). */
    private String execute(String command) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return executeOnce(command);
            } catch (Exception e) {
                // gogo's CommandNotFoundException is not exported to the probe: match it by name
                if (!e.getClass().getSimpleName().equals("CommandNotFoundException") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Runs the command as a shell user with the admin role (Karaf's command ACLs guard feature:*). */
    private String executeOnce(String command) throws Exception {
        Subject subject = new Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("admin"));
        for (String role : java.util.List.of("admin", "manager", "viewer", "systembundles")) {
            subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal(role));
        }
        try {
            return Subject.doAs(subject, (java.security.PrivilegedExceptionAction<String>) () -> executeAsSubject(command));
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        }
    }

    private String executeAsSubject(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode awaitJob(String auth, Reply accepted) throws Exception {
        assertEquals(accepted.toString(), 202, accepted.status());
        String location = accepted.raw().headers().firstValue("Location").orElseThrow();
        String path = location.substring(location.indexOf("/api/"));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode job = get(path, auth).json();
            String s = job.get("status").asText();
            if ("DONE".equals(s) || "FAILED".equals(s)) {
                return job;
            }
            assertTrue("job did not finish: " + job, System.nanoTime() < deadline);
            Thread.sleep(200);
        }
    }

    @Test
    public void pluginsAreInstalledAndRemovedThroughTheAdminApiAsJobs() throws Exception {
        String it = createUser("plugin-it", "CENTRAL_IT", "VN");
        String leader = createUser("plugin-leader", "LEADER", "VN");
        assertEquals(403, get("/api/plugins", leader).status());
        assertEquals(401, send("POST", "/api/plugins/mekong-province-hue/install", null, Map.of()).status());
        assertEquals(403, send("POST", "/api/plugins/mekong-province-hue/install", leader, Map.of()).status());
        assertEquals(400, send("POST", "/api/plugins/mekong-core/uninstall", it, Map.of()).status());
        assertEquals(400, send("POST", "/api/plugins/evil;rm/install", it, Map.of()).status());
        assertEquals(404, send("POST", "/api/plugins/mekong-nothing/install", it, Map.of()).status());
        assertEquals(400, send("POST", "/api/plugins/mekong-province-hue/install", it,
                Map.of("repository", "http://evil.example/features.xml")).status());
        JsonNode list = get("/api/plugins", it).json();
        boolean portalInstalled = false;
        for (JsonNode p : list) {
            if ("mekong-portal".equals(p.get("name").asText())) {
                portalInstalled = p.get("installed").asBoolean();
            }
        }
        assertTrue(list.toString(), portalInstalled);

        long started = System.nanoTime();
        JsonNode done = awaitJob(it, send("POST", "/api/plugins/mekong-province-hue/install", it, Map.of()));
        assertEquals(done.toString(), "DONE", done.get("status").asText());
        awaitStatus("/api/hue", 200, Duration.ofSeconds(60));
        System.out.printf("HOT-DEPLOY POST /api/plugins/.../install -> /api/hue 200 in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
        JsonNode removed = awaitJob(it, send("POST", "/api/plugins/mekong-province-hue/uninstall", it, Map.of()));
        assertEquals(removed.toString(), "DONE", removed.get("status").asText());
        awaitStatus("/api/hue", 404, Duration.ofSeconds(60));
        assertTrue(get("/api/audit?entityType=Plugin&entityKey=mekong-province-hue", admin()).body().contains("UNINSTALL"));
        Thread.sleep(STABLE_MILLIS);
    }

    @Test
    public void aPluginIsDeployedAndRemovedLiveWithoutRestart() throws Exception {
        assertEquals(404, get("/api/hue", null).status());
        assertFalse(get("/api/indicators", null).body().contains("HUE-CENTRE-RESOLUTION-RATE"));
        long bootBundles = java.util.Arrays.stream(features.listInstalledFeatures()).count();

        long started = System.nanoTime();
        features.installFeature("mekong-province-hue");
        awaitStatus("/api/hue", 200, Duration.ofSeconds(60));
        System.out.printf("HOT-DEPLOY feature:install -> /api/hue 200 in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertEquals(40, get("/api/hue", null).json().get("communes").asInt());
        eventually("Hue indicators", Duration.ofSeconds(30), () -> get("/api/indicators", null).body().contains("HUE-CENTRE-RESOLUTION-RATE"));
        assertEquals("province-hue", get("/api/indicators/HUE-CENTRE-RESOLUTION-RATE", null).json().get("provider").asText());
        eventually("Hue menu entry", Duration.ofSeconds(30), () -> get("/api/ui/contributions", null).body().contains("province-hue.overview"));
        eventually("Hue OpenAPI paths", Duration.ofSeconds(30), () -> get("/api/openapi.json", null).json().get("paths").has("/hue"));
        assertOpenApiComplete(get("/api/openapi.json", null).json());
        eventually("Hue page", Duration.ofSeconds(30), () -> get("/hue/index.html", null).status() == 200);
        // the dashboard widget's data: the centres' rate from the feedback plugin, per commune
        JsonNode centres = get("/api/hue/centres?year=2025", null).json();
        assertTrue(centres.toString(), centres.get("feedbackPresent").asBoolean());
        assertEquals(40, centres.get("centres").size());
        assertEquals(400, get("/api/hue/centres?year=1", null).status());
        String status = execute("mekong:status");
        assertTrue(status, status.contains("mekong-province-hue"));
        assertTrue(status, status.contains("Apache Derby"));

        features.uninstallFeature("mekong-province-hue");
        awaitStatus("/api/hue", 404, Duration.ofSeconds(60));
        eventually("Hue indicators gone", Duration.ofSeconds(30), () -> !get("/api/indicators", null).body().contains("HUE-CENTRE-RESOLUTION-RATE"));
        eventually("Hue menu entry gone", Duration.ofSeconds(30), () -> !get("/api/ui/contributions", null).body().contains("province-hue"));
        eventually("Hue OpenAPI paths gone", Duration.ofSeconds(30), () -> !get("/api/openapi.json", null).json().get("paths").has("/hue"));
        assertEquals(bootBundles, java.util.Arrays.stream(features.listInstalledFeatures()).count());
        assertFalse(execute("mekong:status").contains("mekong-province-hue"));
    }

    /** A row count, or -1 when the table does not exist. */
    private long rows(String sql) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private java.util.List<String> bundleVersions(String symbolicName) {
        return java.util.Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .map(b -> b.getVersion() + ":" + (b.getState() == org.osgi.framework.Bundle.ACTIVE ? "ACTIVE" : b.getState()))
                .toList();
    }

    /**
     * The README's province walk-through, end to end: the archetype-generated Da Nang plugin's KAR
     * dropped into deploy/ goes live; 1.1.0 (with a new changeSet) replaces it through the admin API
     * keeping the rows and applying the migration; the shell uninstalls it (endpoint, menu entry,
     * indicators and page gone, rows kept) and reinstalls it (rows back).
     */
    @Test
    public void archetypeGeneratedProvincePluginGoesLiveUpgradesAndUninstalls() throws Exception {
        String base = "/api/danang";
        assertEquals(404, get(base, null).status());
        java.nio.file.Path deploy = java.nio.file.Path.of(System.getProperty("karaf.base"), "deploy");
        java.nio.file.Path v1 = java.nio.file.Path.of(System.getProperty("province.kar.v1"));
        java.nio.file.Path dropped = deploy.resolve(v1.getFileName());

        long started = System.nanoTime();
        java.nio.file.Files.copy(v1, dropped);
        awaitStatus(base, 200, Duration.ofSeconds(120));
        System.out.printf("PROVINCE KAR copied to deploy/ -> %s 200 in %d ms%n", base, (System.nanoTime() - started) / 1_000_000);
        // the plugin's components come up independently: its indicators may follow its endpoint by a moment
        awaitStatus("/api/indicators/DANANG-INITIATIVES-DONE", 200, Duration.ofSeconds(30));
        JsonNode info = get(base, null).json();
        assertEquals(info.toString(), "province-danang", info.get("plugin").asText());
        assertEquals("DA-NANG", info.get("province").get("code").asText());
        assertEquals(java.util.List.of("1.0.0:ACTIVE"), bundleVersions("mekong-province-danang"));
        assertEquals("province-danang", get("/api/indicators/DANANG-INITIATIVES-DONE", null).json().get("provider").asText());
        eventually("Da Nang menu entry", Duration.ofSeconds(30), () -> get("/api/ui/contributions", null).body().contains("province-danang.overview"));
        eventually("Da Nang page", Duration.ofSeconds(30), () -> get("/danang/index.html", null).status() == 200);
        assertEquals(200, get("/danang/page.js", null).status());
        eventually("Da Nang OpenAPI paths", Duration.ofSeconds(30), () -> get("/api/openapi.json", null).json().get("paths").has("/danang/initiatives"));
        assertOpenApiComplete(get("/api/openapi.json", null).json());

        // its own data, with the platform's rules: 401 anonymous, 403 another province, 400 bad input
        String reporter = createUser("danang-reporter", "REPORTER", "DA-NANG");
        String hue = createUser("hue-reporter-dn", "REPORTER", "HUE");
        assertEquals(401, send("POST", base + "/initiatives", null, Map.of("title", "x")).status());
        assertEquals(403, send("POST", base + "/initiatives", hue, Map.of("title", "x")).status());
        Reply blank = send("POST", base + "/initiatives", reporter, Map.of("title", "  "));
        assertEquals(blank.toString(), 400, blank.status());
        assertTrue(blank.body(), blank.body().contains("title"));
        assertEquals(400, send("POST", base + "/initiatives", reporter, Map.of("title", "x", "status", "MAYBE")).status());
        assertEquals(400, send("POST", base + "/initiatives", reporter, Map.of("title", "x", "orgUnit", "HUE")).status());
        Reply done = send("POST", base + "/initiatives", reporter, Map.of("title", "Một cửa số cấp xã", "status", "DONE"));
        assertEquals(done.toString(), 201, done.status());
        assertEquals(201, send("POST", base + "/initiatives", reporter, Map.of("title", "Bản đồ số du lịch")).status());
        assertEquals(50.0, get(base, null).json().get("initiativesDonePercent").asDouble(), 0);
        assertEquals(2, rows("SELECT COUNT(*) FROM PV_DANANG_INITIATIVE"));
        // its entered indicator takes data values like any other; the computed one refuses them
        Reply entered = send("PUT", "/api/datavalues", reporter, Map.of("indicator", "DANANG-COMMUNES-ONLINE",
                "orgUnit", "DA-NANG", "period", "202506", "value", 72.5));
        assertTrue(entered.toString(), entered.status() == 200 || entered.status() == 201);
        assertEquals(400, send("PUT", "/api/datavalues", reporter, Map.of("indicator", "DANANG-INITIATIVES-DONE",
                "orgUnit", "DA-NANG", "period", "202506", "value", 10)).status());

        // upgrade to 1.1.0 through the admin API: the migration adds PRIORITY (default 2) to the kept rows
        String it = createUser("danang-it", "CENTRAL_IT", "VN");
        started = System.nanoTime();
        JsonNode upgraded = awaitJob(it, send("POST", "/api/plugins/" + ProvincePlugin.FEATURE + "/install", it,
                Map.of("version", "1.1.0", "repository", "mvn:vn.gov.danang/mekong-province-danang/1.1.0/xml/features")));
        assertEquals(upgraded.toString(), "DONE", upgraded.get("status").asText());
        awaitStatus(base, 200, Duration.ofSeconds(60));
        awaitStatus("/api/indicators/DANANG-INITIATIVES-DONE", 200, Duration.ofSeconds(30));
        System.out.printf("PROVINCE upgrade 1.0.0 -> 1.1.0 via /api/plugins -> %s 200 in %d ms%n", base,
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(java.util.List.of("1.1.0:ACTIVE"), bundleVersions("mekong-province-danang"));
        assertEquals(2, get(base + "/initiatives", null).json().size());
        assertEquals(2, rows("SELECT COUNT(*) FROM PV_DANANG_INITIATIVE WHERE PRIORITY = 2"));
        assertEquals(1, rows("SELECT COUNT(*) FROM DATABASECHANGELOG WHERE ID = 'danang-2'"));
        assertEquals(50.0, get(base, null).json().get("initiativesDonePercent").asDouble(), 0);

        // uninstall from the Karaf shell: endpoint, menu entry, indicators and page gone; rows kept
        execute("feature:uninstall " + ProvincePlugin.FEATURE);
        awaitStatus(base, 404, Duration.ofSeconds(60));
        assertEquals(java.util.List.of(), bundleVersions("mekong-province-danang"));
        eventually("Da Nang menu entry gone", Duration.ofSeconds(30), () -> !get("/api/ui/contributions", null).body().contains("province-danang"));
        eventually("Da Nang indicators gone", Duration.ofSeconds(30), () -> !get("/api/indicators", null).body().contains("DANANG-INITIATIVES-DONE"));
        assertEquals(404, get("/api/indicators/DANANG-INITIATIVES-DONE", null).status());
        eventually("Da Nang page gone", Duration.ofSeconds(30), () -> get("/danang/index.html", null).status() == 404);
        eventually("Da Nang OpenAPI paths gone", Duration.ofSeconds(30), () -> !get("/api/openapi.json", null).json().get("paths").has("/danang"));
        assertEquals(2, rows("SELECT COUNT(*) FROM PV_DANANG_INITIATIVE"));
        assertEquals(1, rows("SELECT COUNT(*) FROM DATA_VALUE WHERE INDICATOR_CODE = 'DANANG-COMMUNES-ONLINE'"));

        // and back from the shell: the same rows answer again
        execute("feature:install " + ProvincePlugin.FEATURE + "/1.1.0");
        awaitStatus(base, 200, Duration.ofSeconds(60));
        awaitStatus("/api/indicators/DANANG-COMMUNES-ONLINE", 200, Duration.ofSeconds(30));
        assertEquals(2, get(base + "/initiatives", null).json().size());
        eventually("Da Nang menu entry back", Duration.ofSeconds(30), () -> get("/api/ui/contributions", null).body().contains("province-danang.overview"));
        assertEquals(72.5, get("/api/datavalues?indicator=DANANG-COMMUNES-ONLINE&orgUnit=DA-NANG&period=202506", admin())
                .json().get("items").get(0).get("value").asDouble(), 0);
        execute("feature:uninstall " + ProvincePlugin.FEATURE);
        awaitStatus(base, 404, Duration.ofSeconds(60));
        java.nio.file.Files.delete(dropped);
        Thread.sleep(STABLE_MILLIS);
    }

    @Test
    public void statusCommandReportsCounts() throws Exception {
        String status = execute("mekong:status");
        assertTrue(status, status.contains("Org units        : 107"));
        assertTrue(status, status.matches("(?s).*Indicators\\s+: \\d+.*"));
    }
}

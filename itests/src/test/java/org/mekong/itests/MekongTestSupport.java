package org.mekong.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the real Mekong distribution (the tar.gz built by distribution/) on free ports, with a
 * known admin password, and offers a small HTTP client for the tests. Modelled on Karaf's
 * KarafTestSupport.
 */
public abstract class MekongTestSupport {
    public static final String ADMIN_PASSWORD = "it-admin-password-42";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** The container configuration: chosen in the driver JVM, HTTP port handed in as a property. */
    public static Option[] distribution(int httpPort) {
        return distribution(httpPort, false);
    }

    /**
     * As {@link #distribution(int)}; {@code demoData} loads the monitoring demo data (10 s of boot),
     * otherwise tests work on their own fixtures. Scheduled warning runs are off in tests: they
     * run on demand and after data changes.
     */
    public static Option[] distribution(int httpPort, boolean demoData) {
        String archive = System.getProperty("mekong.distribution");
        if (archive == null || !new File(archive).isFile()) {
            throw new IllegalStateException("Build the distribution first: " + archive + " is missing");
        }
        String target = System.getProperty("project.build.directory", "target");
        int sshPort = freePort();
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(archive).toURI().toString())
                    .name("Mekong").unpackDirectory(new File(target, "exam")).useDeployFolder(false),
            keepRuntimeFolder(),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort)),
            systemProperty("mekong.ssh.port").value(Integer.toString(sshPort)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort())),
            editConfigurationFilePut("etc/org.mekong.identity.cfg", "admin.password", ADMIN_PASSWORD),
            // a 2 MiB body limit, so the 413 test needs no huge request
            editConfigurationFilePut("etc/org.mekong.web.cfg", "max.body.bytes", Integer.toString(2 * 1024 * 1024)),
            editConfigurationFilePut("etc/org.mekong.monitoring.cfg", "demo.data", Boolean.toString(demoData)),
            editConfigurationFilePut("etc/org.mekong.monitoring.cfg", "warnings.interval.minutes", "0"),
            systemProperty("mekong.http.port").value(Integer.toString(httpPort)),
        };
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base URL of the server under test (inside the container, from the handed-in property). */
    protected static String base() {
        return "http://localhost:" + System.getProperty("mekong.http.port", "8181");
    }

    /** One HTTP exchange: status, headers and body. */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    protected static Reply call(String method, String path, String auth, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body(), r);
    }

    protected static Reply get(String path, String auth) throws Exception {
        return call("GET", path, auth, null, null);
    }

    protected static Reply send(String method, String path, String auth, Object json) throws Exception {
        byte[] body = json instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json);
        return call(method, path, auth, "application/json", body);
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a user with one role in one unit and answers its Basic credentials. */
    protected static String createUser(String name, String role, String unit) throws Exception {
        String password = name + "-password-1";
        Reply r = send("POST", "/api/users", admin(), java.util.Map.of("username", name, "displayName", name, "password",
                password, "roles", java.util.List.of(role), "orgUnits", java.util.List.of(unit)));
        if (r.status() != 201) {
            throw new AssertionError("Cannot create user " + name + ": " + r);
        }
        return basic(name, password);
    }

    protected static String admin() {
        return basic("admin", ADMIN_PASSWORD);
    }

    private static volatile boolean ready;

    /** Paths of the core and of the plugins installed at boot; all must be in the OpenAPI document. */
    public static final java.util.List<String> BOOT_PATHS = java.util.List.of("/auth/login", "/me", "/users",
            "/orgunits", "/indicators", "/datavalues", "/datavalues/batch", "/forms", "/audit", "/ui/contributions",
            "/monitoring/overview", "/feedback/items", "/portal/manage/items", "/sandbox/pilots");
    /** How long the OpenAPI document must stay the same before the server counts as settled. */
    public static final long STABLE_MILLIS = 2000;

    /**
     * Waits until the whole core is up: Pax Exam starts tests as soon as its probe runs, while the
     * Mekong components may still be registering. Ready means every core and boot-plugin resource
     * is in the OpenAPI document, the SOAP WSDL is served and the document has stopped changing.
     */
    @org.junit.Before
    public void awaitCore() throws Exception {
        if (ready) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String missing = "everything";
        while (System.nanoTime() < deadline) {
            try {
                Reply doc = get("/api/openapi.json", null);
                if (doc.status() == 200) {
                    JsonNode paths = doc.json().path("paths");
                    missing = BOOT_PATHS.stream().filter(p -> !paths.has(p)).findFirst().orElse(null);
                    if (missing == null && get("/soap/data?wsdl", null).status() == 200) {
                        // The JAX-RS whiteboard rebuilds the application (answering 404 meanwhile) each
                        // time a resource registers: wait until the document has stopped changing.
                        Thread.sleep(STABLE_MILLIS);
                        if (get("/api/openapi.json", null).body().length() == doc.body().length()) {
                            ready = true;
                            return;
                        }
                    }
                }
            } catch (IOException notYet) {
                // the HTTP server is still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The core did not come up within 120 s; missing: " + missing);
    }

    /** Polls until the path answers the status, or fails after the timeout. Returns the elapsed ms. */
    protected static long awaitStatus(String path, int status, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get(path, null);
            if (last.status() == status) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " did not answer " + status + " within " + timeout + "; last: " + last);
    }

    /**
     * What a code generator needs of the OpenAPI document, for every operation of the core and the
     * installed plugins: a summary, a description on each response, the shared error body as a 4xx
     * response, a unique operationId and each {parameter} of the path declared.
     */
    protected static void assertOpenApiComplete(JsonNode openapi) {
        org.junit.Assert.assertEquals("object", openapi.at("/components/schemas/ErrorBody/type").asText());
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        java.util.List<String> problems = new java.util.ArrayList<>();
        openapi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            op.getValue().path("responses").fields().forEachRemaining(r -> {
                if (!r.getValue().hasNonNull("description") && !r.getValue().has("$ref")) {
                    problems.add(where + ": response " + r.getKey() + " has no description");
                }
            });
            if (!op.getValue().hasNonNull("summary")) {
                problems.add(where + ": no summary");
            }
            java.util.List<String> codes = new java.util.ArrayList<>();
            op.getValue().path("responses").fieldNames().forEachRemaining(codes::add);
            if (codes.stream().noneMatch(c -> c.startsWith("4"))) {
                problems.add(where + ": no 4xx response (the shared error body)");
            }
            String id = op.getValue().path("operationId").asText();
            if (!id.isEmpty() && !operationIds.add(id)) {
                problems.add(where + ": operationId " + id + " is used twice");
            }
            java.util.Set<String> declared = new java.util.HashSet<>();
            op.getValue().path("parameters").forEach(prm -> {
                if ("path".equals(prm.path("in").asText())) {
                    declared.add(prm.path("name").asText());
                }
            });
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)\\}").matcher(path.getKey());
            while (m.find()) {
                if (!declared.contains(m.group(1))) {
                    problems.add(where + ": path parameter " + m.group(1) + " is not declared");
                }
            }
        }));
        org.junit.Assert.assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    /**
     * The reply is a SOAP 1.1 fault as WS-I wants it: HTTP 500, a soap:Fault whose faultcode is
     * {@code faultcode} (Client or Server) with a faultstring, and a detail with the error {@code code}
     * and a field element for each of {@code fields} (every field listed carries that code and a problem).
     * Answers the fault's detail element.
     */
    protected static org.w3c.dom.Element assertSoapFault(Reply reply, String faultcode, String code, String... fields)
            throws Exception {
        org.junit.Assert.assertEquals(reply.body(), 500, reply.status());
        org.junit.Assert.assertTrue(reply.toString(), reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(reply.body())));
        String env = "http://schemas.xmlsoap.org/soap/envelope/";
        org.junit.Assert.assertEquals(reply.body(), env, doc.getDocumentElement().getNamespaceURI());
        org.junit.Assert.assertEquals(reply.body(), "Envelope", doc.getDocumentElement().getLocalName());
        org.w3c.dom.NodeList faults = doc.getElementsByTagNameNS(env, "Fault");
        org.junit.Assert.assertEquals(reply.body(), 1, faults.getLength());
        org.w3c.dom.Element fault = (org.w3c.dom.Element) faults.item(0);
        String actualCode = fault.getElementsByTagName("faultcode").item(0).getTextContent().trim();
        org.junit.Assert.assertTrue(reply.body(), actualCode.endsWith(":" + faultcode));
        String faultstring = fault.getElementsByTagName("faultstring").item(0).getTextContent();
        org.junit.Assert.assertTrue(reply.body(), faultstring.startsWith(code + ": ") && faultstring.contains(" / "));
        org.w3c.dom.NodeList details = fault.getElementsByTagName("detail");
        org.junit.Assert.assertEquals(reply.body(), 1, details.getLength());
        org.w3c.dom.Element detail = (org.w3c.dom.Element) details.item(0);
        String ns = "http://mekong.org/soap/fault/1.0";
        org.junit.Assert.assertEquals(reply.body(), code, detail.getElementsByTagNameNS(ns, "code").item(0).getTextContent());
        org.w3c.dom.NodeList listed = detail.getElementsByTagNameNS(ns, "field");
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < listed.getLength(); i++) {
            org.w3c.dom.Element field = (org.w3c.dom.Element) listed.item(i);
            names.add(field.getAttribute("name"));
            org.junit.Assert.assertEquals(reply.body(), code, field.getAttribute("code"));
            org.junit.Assert.assertFalse(reply.body(), field.getTextContent().isBlank());
        }
        org.junit.Assert.assertTrue(reply.body(), names.containsAll(java.util.List.of(fields)));
        return detail;
    }

    /** Every operation of the WSDL's port types carries a wsdl:documentation, and so does the definitions. */
    protected static void assertWsdlDocumented(String wsdl) throws Exception {
        String ns = "http://schemas.xmlsoap.org/wsdl/";
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(wsdl)));
        java.util.List<String> undocumented = new java.util.ArrayList<>();
        org.w3c.dom.NodeList types = doc.getElementsByTagNameNS(ns, "portType");
        int operations = 0;
        for (int t = 0; t < types.getLength(); t++) {
            org.w3c.dom.NodeList ops = ((org.w3c.dom.Element) types.item(t)).getElementsByTagNameNS(ns, "operation");
            for (int o = 0; o < ops.getLength(); o++) {
                org.w3c.dom.Element op = (org.w3c.dom.Element) ops.item(o);
                operations++;
                if (op.getElementsByTagNameNS(ns, "documentation").getLength() == 0) {
                    undocumented.add(op.getAttribute("name"));
                }
            }
        }
        org.junit.Assert.assertTrue("no operations in the WSDL", operations > 0);
        org.junit.Assert.assertEquals("operations without documentation", java.util.List.of(), undocumented);
        org.w3c.dom.Node first = doc.getDocumentElement().getFirstChild();
        while (first != null && first.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
            first = first.getNextSibling();
        }
        org.junit.Assert.assertTrue("the WSDL starts with its documentation", first != null
                && "documentation".equals(first.getLocalName()) && first.getTextContent().length() > 50);
    }

    /** A check that may throw while a plugin's services are still coming or going. */
    @FunctionalInterface
    protected interface Check {
        boolean holds() throws Exception;
    }

    /**
     * Polls until the check holds, or fails after the timeout. A plugin's components (endpoint, menu
     * entry, indicators, web resources, OpenAPI paths) register independently, so each is awaited
     * rather than assumed to follow the first one seen.
     */
    protected static void eventually(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Not within " + timeout + ": " + what + (last == null ? "" : "; last error: " + last), last);
    }
}

package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.mekong.core.api.identity.IdentityService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Accounts under attack and over their life: login lockout and equal-cost failures on REST, Basic,
 * SOAP and the JAAS realm behind SSH; the password policy; changing one's own password; an
 * administrator disabling, enabling and re-scoping accounts; who may grant the national roles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountsIT extends MekongTestSupport {
    private static final String PID = "org.mekong.identity";
    private static final String SOAP_NS = "http://mekong.org/soap/data/1.0";
    /** A fully qualified Java name such as org.mekong.core.api.Role or java.lang.String. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*");

    @Inject
    private ConfigurationAdmin configAdmin;
    @Inject
    private BundleContext context;
    @Inject
    @org.ops4j.pax.exam.util.Filter("(osgi.jndi.service.name=mekongds)")
    private javax.sql.DataSource dataSource;

    @Configuration
    public Option[] config() {
        return distribution(freePort());
    }

    /** Loose limits for every test, also after one that tightened them for itself. */
    @Before
    @After
    public void relaxedLockout() throws Exception {
        lockout(100, 1000, 60, 3);
    }

    // ---- #4 brute force -------------------------------------------------------------------

    @Test
    public void unknownAndRealUsersFailInTheSameTime() throws Exception {
        createUser("timing.user", "REPORTER", "HUE");
        login("timing.user", "wrong-password-0");
        login("nobody.here", "wrong-password-0");
        long real = 0;
        long unknown = 0;
        for (int i = 1; i <= 10; i++) {
            long t0 = System.nanoTime();
            assertEquals(401, login("timing.user", "wrong-password-" + i).status());
            long t1 = System.nanoTime();
            assertEquals(401, login("nobody.here", "wrong-password-" + i).status());
            long t2 = System.nanoTime();
            real += t1 - t0;
            unknown += t2 - t1;
        }
        String times = "10 failures: real user " + real / 1_000_000 + " ms, unknown user " + unknown / 1_000_000 + " ms";
        System.out.println(times);
        assertTrue(times, unknown > real / 2);
        assertTrue(times, real > unknown / 2);
    }

    @Test
    public void lockoutRefusesEvenTheRightPasswordOnEveryPathUntilItEnds() throws Exception {
        lockout(3, 1000, 60, 4);
        String victim = createUser("lock.victim", "REPORTER", "HUE");
        String bystander = createUser("lock.bystander", "REPORTER", "HUE");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, login("lock.victim", "guess-number-" + i).status());
        }
        long tokensBefore = tokens("lock.victim");

        Reply locked = login("lock.victim", "lock.victim-password-1");
        assertEquals(locked.toString(), 429, locked.status());
        assertEquals("too_many_requests", locked.json().get("error").asText());
        assertNotNull("Retry-After", locked.raw().headers().firstValue("Retry-After").orElse(null));
        assertTrue(Long.parseLong(locked.raw().headers().firstValue("Retry-After").get()) <= 4);
        assertEquals("no token was issued", tokensBefore, tokens("lock.victim"));
        Reply viaBasic = get("/api/me", victim);
        assertEquals(viaBasic.toString(), 429, viaBasic.status());
        assertEquals("too_many_requests", viaBasic.json().get("error").asText());
        assertTrue(viaBasic.raw().headers().firstValue("Retry-After").isPresent());
        Reply viaSoap = soap(victim, "listIndicators", "<layer>OPERATIONAL</layer>");
        assertSoapFault(viaSoap, "Client", "too_many_requests");
        assertTrue(viaSoap.toString(), viaSoap.raw().headers().firstValue("Retry-After").isPresent());
        assertJaasRefused("lock.victim", "lock.victim-password-1");

        // another account (same address, under the address limit) is not affected
        assertEquals(200, get("/api/me", bystander).status());
        assertEquals(200, login("lock.bystander", "lock.bystander-password-1").status());

        JsonNode audit = get("/api/audit?entityType=Login&entityKey=lock.victim&limit=50", admin()).json();
        assertTrue(audit.toString(), audit.toString().contains("LOGIN_FAILED") && audit.toString().contains("ACCOUNT_LOCKED"));

        eventually("the lock ends", Duration.ofSeconds(10), () -> login("lock.victim", "lock.victim-password-1").status() == 200);
        assertEquals(200, get("/api/me", victim).status());
        assertJaasAccepted("lock.victim", "lock.victim-password-1");
    }

    @Test
    public void anAddressLockoutRefusesEveryAccountFromThere() throws Exception {
        String reporter = createUser("address.reporter", "REPORTER", "HUE");
        lockout(1000, 4, 2, 3);
        Thread.sleep(2100); // earlier tests' failures leave the 2 s window
        for (int i = 0; i < 4; i++) {
            assertEquals(401, login("made.up." + i, "some-password-here").status());
        }
        Reply refused = get("/api/me", reporter);
        assertEquals(refused.toString(), 429, refused.status());
        assertEquals(429, login("address.reporter", "address.reporter-password-1").status());
        eventually("the address lock ends", Duration.ofSeconds(10), () -> get("/api/me", reporter).status() == 200);
        JsonNode audit = get("/api/audit?entityType=Login&entityKey=made.up.3", admin()).json();
        assertTrue(audit.toString(), audit.toString().contains("ADDRESS_LOCKED"));
    }

    // ---- #13 password policy --------------------------------------------------------------

    @Test
    public void weakPasswordsAreRefusedNamingTheRule() throws Exception {
        Map<String, String> weak = Map.of(
                "short-pw-1", "at least 12 characters",
                "password1234", "commonly used",
                "Qwertyuiop123!", "commonly used",
                "policy.username", "must not be the username",
                "POLICY.USERNAME", "must not be the username",
                "                ", "whitespace");
        for (Map.Entry<String, String> w : weak.entrySet()) {
            Reply r = send("POST", "/api/users", admin(), Map.of("username", "policy.username", "password", w.getKey(),
                    "roles", List.of("REPORTER"), "orgUnits", List.of("HUE")));
            assertEquals(w.getKey() + ": " + r, 400, r.status());
            assertEquals("invalid_input", r.json().get("error").asText());
            assertEquals("password", r.json().get("details").get(0).get("field").asText());
            assertTrue(w.getKey() + ": " + r, r.json().get("message").asText().contains(w.getValue()));
        }
        assertFalse("nothing was stored", userNames().contains("policy.username"));
        Reply ok = send("POST", "/api/users", admin(), Map.of("username", "policy.username", "password",
                "a long and uncommon sentence", "roles", List.of("REPORTER"), "orgUnits", List.of("HUE")));
        assertEquals(ok.toString(), 201, ok.status());
    }

    // ---- #14 account lifecycle ------------------------------------------------------------

    @Test
    public void changingOwnPasswordNeedsTheOldOneAndRevokesOtherTokens() throws Exception {
        createUser("pw.changer", "REPORTER", "HUE");
        String tokenA = "Bearer " + login("pw.changer", "pw.changer-password-1").json().get("token").asText();
        String tokenB = "Bearer " + login("pw.changer", "pw.changer-password-1").json().get("token").asText();

        assertEquals(401, send("POST", "/api/me/password", null, Map.of("oldPassword", "x", "newPassword", "y")).status());
        Reply wrongOld = send("POST", "/api/me/password", tokenA, Map.of("oldPassword", "not-my-password",
                "newPassword", "a brand new passphrase"));
        assertEquals(wrongOld.toString(), 400, wrongOld.status());
        assertEquals("oldPassword", wrongOld.json().get("details").get(0).get("field").asText());
        Reply weak = send("POST", "/api/me/password", tokenA, Map.of("oldPassword", "pw.changer-password-1",
                "newPassword", "password2025"));
        assertEquals(weak.toString(), 400, weak.status());
        assertEquals("newPassword", weak.json().get("details").get(0).get("field").asText());
        assertTrue(weak.toString(), weak.json().get("message").asText().contains("commonly used"));
        Reply unknownField = send("POST", "/api/me/password", tokenA, Map.of("oldPassword", "pw.changer-password-1",
                "newPassword", "a brand new passphrase", "username", "admin"));
        assertEquals(unknownField.toString(), 400, unknownField.status());
        // none of the refusals changed anything
        assertEquals(200, get("/api/me", tokenB).status());
        assertEquals(200, login("pw.changer", "pw.changer-password-1").status());

        Reply changed = send("POST", "/api/me/password", tokenA, Map.of("oldPassword", "pw.changer-password-1",
                "newPassword", "a brand new passphrase"));
        assertEquals(changed.toString(), 204, changed.status());
        assertEquals("the token of the change stays", 200, get("/api/me", tokenA).status());
        assertEquals("other tokens are revoked", 401, get("/api/me", tokenB).status());
        assertEquals(401, login("pw.changer", "pw.changer-password-1").status());
        assertEquals(401, get("/api/me", basic("pw.changer", "pw.changer-password-1")).status());
        assertEquals(200, login("pw.changer", "a brand new passphrase").status());
        assertTrue(get("/api/audit?entityType=User&entityKey=pw.changer", admin()).body().contains("PASSWORD_CHANGE"));
    }

    @Test
    public void anAdministratorDisablesEnablesAndRescopesAnAccount() throws Exception {
        String basic = createUser("life.cycle", "REPORTER", "HUE");
        String token = "Bearer " + login("life.cycle", "life.cycle-password-1").json().get("token").asText();
        assertEquals(200, get("/api/me", token).status());
        assertEquals(200, get("/api/me", basic).status()); // now remembered by the Basic cache

        Reply unknownField = send("PATCH", "/api/users/life.cycle", admin(), Map.of("enabled", false, "password", "x"));
        assertEquals(unknownField.toString(), 400, unknownField.status());
        Reply noUnit = send("PATCH", "/api/users/life.cycle", admin(), Map.of("enabled", false, "orgUnits", List.of("NOWHERE")));
        assertEquals(noUnit.toString(), 400, noUnit.status());
        assertEquals("orgUnits", noUnit.json().get("details").get(0).get("field").asText());
        Reply byReporter = send("PATCH", "/api/users/life.cycle", basic, Map.of("roles", List.of("ADMIN")));
        assertEquals(byReporter.toString(), 403, byReporter.status());
        assertEquals(404, send("PATCH", "/api/users/no.such.user", admin(), Map.of("enabled", false)).status());
        assertEquals("refusals changed nothing", 200, get("/api/me", token).status());
        assertEquals(List.of("REPORTER"), roles(get("/api/me", token).json()));

        Reply disabled = send("PATCH", "/api/users/life.cycle", admin(), Map.of("enabled", false));
        assertEquals(disabled.toString(), 200, disabled.status());
        assertFalse(disabled.json().get("enabled").asBoolean());
        assertEquals("the token in use is refused at once", 401, get("/api/me", token).status());
        assertEquals(0, tokens("life.cycle"));
        assertEquals("Basic is refused at once", 401, get("/api/me", basic).status());
        assertEquals(401, login("life.cycle", "life.cycle-password-1").status());
        assertSoapFault(soap(basic, "listIndicators", "<layer>OPERATIONAL</layer>"), "Client", "unauthorized");
        assertJaasRefused("life.cycle", "life.cycle-password-1");
        String audit = get("/api/audit?entityType=User&entityKey=life.cycle", admin()).body();
        assertTrue(audit, audit.contains("DISABLE") && audit.contains("\"enabled\":true") && audit.contains("\"enabled\":false"));

        Reply enabled = send("PATCH", "/api/users/life.cycle", admin(), Map.of("enabled", true, "roles",
                List.of("REPORTER", "VERIFIER"), "orgUnits", List.of("HA-NOI")));
        assertEquals(enabled.toString(), 200, enabled.status());
        JsonNode me = get("/api/me", basic).json();
        assertEquals(List.of("REPORTER", "VERIFIER"), roles(me));
        assertEquals("HA-NOI", me.get("orgUnits").get(0).asText());
        assertJaasAccepted("life.cycle", "life.cycle-password-1");
        assertTrue(get("/api/audit?entityType=User&entityKey=life.cycle", admin()).body().contains("ENABLE"));

        Reply self = send("PATCH", "/api/users/admin", admin(), Map.of("enabled", false));
        assertEquals("an admin cannot disable itself: " + self, 400, self.status());
        assertEquals(200, get("/api/me", admin()).status());
    }

    @Test
    public void onlyAnAdminGrantsAdminOrCentralIt() throws Exception {
        String it = createUser("central.it", "CENTRAL_IT", "VN");
        for (String role : List.of("CENTRAL_IT", "ADMIN")) {
            Reply r = send("POST", "/api/users", it, Map.of("username", "grab." + role.toLowerCase().replace('_', '.'),
                    "password", "granted-by-central-it", "roles", List.of(role), "orgUnits", List.of("VN")));
            assertEquals(role + ": " + r, 403, r.status());
            assertEquals("forbidden", r.json().get("error").asText());
        }
        assertFalse(userNames().stream().anyMatch(u -> u.startsWith("grab.")));

        // CENTRAL_IT still creates and re-scopes ordinary accounts, as before
        Reply plain = send("POST", "/api/users", it, Map.of("username", "plain.reporter", "password",
                "plain-reporter-password", "roles", List.of("REPORTER"), "orgUnits", List.of("HUE")));
        assertEquals(plain.toString(), 201, plain.status());
        assertEquals(200, send("PATCH", "/api/users/plain.reporter", it, Map.of("orgUnits", List.of("HA-NOI"))).status());
        Reply promote = send("PATCH", "/api/users/plain.reporter", it, Map.of("roles", List.of("CENTRAL_IT")));
        assertEquals(promote.toString(), 403, promote.status());
        Reply disableAdmin = send("PATCH", "/api/users/admin", it, Map.of("enabled", false));
        assertEquals(disableAdmin.toString(), 403, disableAdmin.status());
        assertEquals(200, get("/api/me", admin()).status());
        assertEquals(List.of("REPORTER"), roles(get("/api/me", basic("plain.reporter", "plain-reporter-password")).json()));

        // an ADMIN may
        Reply byAdmin = send("PATCH", "/api/users/plain.reporter", admin(), Map.of("roles", List.of("CENTRAL_IT")));
        assertEquals(byAdmin.toString(), 200, byAdmin.status());
    }

    // ---- #22 error bodies -----------------------------------------------------------------

    @Test
    public void loginAndAccountErrorsNameNoInternalClasses() throws Exception {
        List<Reply> replies = List.of(
                send("POST", "/api/auth/login", null, "[]"),
                send("POST", "/api/auth/login", null, "{\"username\": {\"a\": 1}, \"password\": \"x\"}"),
                send("POST", "/api/auth/login", null, "\"just a string\""),
                send("POST", "/api/auth/login", null, "{\"user\": \"admin\"}"),
                send("POST", "/api/users", admin(), Map.of("username", "bad.role", "password", "long-enough-password",
                        "roles", List.of("GOD"), "orgUnits", List.of("HUE"))),
                send("PATCH", "/api/users/admin", admin(), "{\"enabled\": \"maybe\"}"),
                send("PATCH", "/api/users/admin", admin(), "[1, 2]"),
                send("POST", "/api/me/password", admin(), "{\"oldPassword\": []}"));
        for (Reply r : replies) {
            assertEquals(r.toString(), 400, r.status());
            assertFalse("names a Java class: " + r, CLASS_NAME.matcher(r.body()).find());
            assertFalse("names a Java class: " + r, r.body().contains("Exception") || r.body().contains("$"));
        }
        assertFalse(userNames().contains("bad.role"));
    }

    // ---- helpers --------------------------------------------------------------------------

    private static Reply login(String user, String password) throws Exception {
        return send("POST", "/api/auth/login", null, Map.of("username", user, "password", password));
    }

    private static Reply soap(String auth, String operation, String content) throws Exception {
        byte[] envelope = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><m:"
                + operation + " xmlns:m=\"" + SOAP_NS + "\">" + content + "</m:" + operation
                + "></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        return call("POST", "/soap/data", auth, "text/xml; charset=UTF-8", envelope);
    }

    private static List<String> roles(JsonNode user) {
        return java.util.stream.StreamSupport.stream(user.get("roles").spliterator(), false).map(JsonNode::asText).sorted().toList();
    }

    private static List<String> userNames() throws Exception {
        return java.util.stream.StreamSupport.stream(get("/api/users", admin()).json().spliterator(), false)
                .map(u -> u.get("username").asText()).toList();
    }

    private long tokens(String user) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM AUTH_TOKEN WHERE USERNAME = ?")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Sets the lockout limits through Config Admin and waits until the identity service has them. */
    private void lockout(int accountFailures, int addressFailures, int windowSeconds, int lockSeconds) throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        props.put("lockout.failures", Integer.toString(accountFailures));
        props.put("lockout.address.failures", Integer.toString(addressFailures));
        props.put("lockout.window.seconds", Integer.toString(windowSeconds));
        props.put("lockout.seconds", Integer.toString(lockSeconds));
        c.update(props);
        eventually("the identity service takes the lockout settings", Duration.ofSeconds(20), () -> {
            // looked up, not injected: injection gives up after 10 s, and the first test may start sooner
            ServiceReference<IdentityService> ref = context.getServiceReference(IdentityService.class);
            return ref != null && Integer.toString(accountFailures).equals(String.valueOf(ref.getProperty("lockout.failures")))
                    && Integer.toString(lockSeconds).equals(String.valueOf(ref.getProperty("lockout.seconds")))
                    && Integer.toString(windowSeconds).equals(String.valueOf(ref.getProperty("lockout.window.seconds")))
                    && Integer.toString(addressFailures).equals(String.valueOf(ref.getProperty("lockout.address.failures")));
        });
        // a component restarted by the change would take the REST resources with it for a moment
        eventually("the API answers", Duration.ofSeconds(30), () -> get("/api/users", admin()).status() == 200);
    }

    private static void assertJaasRefused(String user, String password) {
        try {
            jaas(user, password);
            fail("the JAAS realm (SSH) let " + user + " in");
        } catch (LoginException expected) {
            // refused, as SSH would be
        }
    }

    private static void assertJaasAccepted(String user, String password) throws LoginException {
        Subject subject = jaas(user, password);
        assertTrue(subject.getPrincipals().stream().anyMatch(p -> p.getName().equals(user)));
    }

    private static Subject jaas(String user, String password) throws LoginException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AccountsIT.class.getClassLoader());
        try {
            Subject subject = new Subject();
            subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.ClientPrincipal("ssh", "/127.0.0.1:50022"));
            LoginContext login = new LoginContext("mekong", subject, callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user);
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    }
                }
            });
            login.login();
            return subject;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

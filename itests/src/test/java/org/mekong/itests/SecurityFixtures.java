package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.cert.X509Certificate;

import org.mekong.itests.MekongTestSupport.Reply;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

/** What SecurityIT needs around the server: a keystore, raw HTTP, SOAP posts, the shell client, SSH keys. */
final class SecurityFixtures {
    static final String KEYSTORE_PASSWORD = "it-keystore-password";
    static final String ENVELOPE = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:d=\"http://mekong.org/soap/data/1.0\">";

    private SecurityFixtures() {
    }

    /** A self-signed key pair for localhost, made with the JDK's keytool in the driver JVM. */
    static File keystore() throws Exception {
        File file = new File(System.getProperty("project.build.directory", "target"), "security-it.p12");
        if (file.isFile()) {
            return file;
        }
        String keytool = System.getProperty("java.home") + "/bin/keytool";
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "mekong", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", file.getAbsolutePath(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        return file;
    }

    /** One raw HTTP/1.1 exchange, so the test chooses every header (the JDK client will not send a Host of our choosing). */
    static String raw(String method, String path, String host, Map<String, String> headers, String body) throws IOException {
        int port = Integer.parseInt(System.getProperty("mekong.http.port"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void assertSecurityHeaders(String what, HttpResponse<?> r) {
        var h = r.headers();
        assertEquals(what + ": nosniff", "nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
        assertEquals(what + ": frames", "DENY", h.firstValue("X-Frame-Options").orElse(null));
        assertTrue(what + ": referrer", h.firstValue("Referrer-Policy").isPresent());
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(what + ": CSP " + csp, csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'")
                || csp.contains("sandbox"));
        assertFalse(what + ": no server banner " + h.map(), h.firstValue("Server").orElse("").matches(".*\\d.*"));
    }

    static Reply soap(String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(MekongTestSupport.base() + "/soap/data"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"").POST(publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    /**
     * Runs one shell command over SSH as an administrator would, with the distribution's own
     * {@code bin/client} (batch mode: the command on its input), logging in with a password; answers
     * its output and exit code.
     */
    static String[] client(String user, String password, String command) throws Exception {
        return shell(List.of("-u", user, "-p", password), command);
    }

    /** As {@link #client}, logging in with the private key in {@code keyFile}; answers the output. */
    static String clientWithKey(String user, String keyFile, String command) throws Exception {
        return shell(List.of("-u", user, "-k", keyFile), command)[0];
    }

    private static String[] shell(List<String> login, String command) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(System.getProperty("karaf.home") + "/bin/client"));
        args.addAll(login);
        args.addAll(List.of("-a", System.getProperty("mekong.ssh.port"), "-h", "127.0.0.1", "-r", "2", "-b"));
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String[] { out, p.isAlive() ? "-1" : Integer.toString(p.exitValue()) };
    }

    /** The production profile of docs/security.md: HTTPS from the keystore, plain HTTP on loopback, public.url. */
    static List<org.ops4j.pax.exam.Option> productionProfile(int httpsPort, File keystore, String publicUrl) {
        return List.of(
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses", "127.0.0.1"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "true"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure", Integer.toString(httpsPort)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore", keystore.getAbsolutePath()),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore.password", KEYSTORE_PASSWORD),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.key.password", KEYSTORE_PASSWORD),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.key.alias", "mekong"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.protocols.included", "TLSv1.2,TLSv1.3"),
                editConfigurationFilePut("etc/org.mekong.web.security.cfg", "public.url", publicUrl));
    }

    /** An HTTP client that accepts the test's self-signed certificate for localhost (and checks that it is that one). */
    static HttpClient trustingLocalhost() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String type) {
                assertEquals("the configured key", "CN=localhost", chain[0].getSubjectX500Principal().getName());
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(java.time.Duration.ofSeconds(10)).build();
    }

    /** An SSH key pair: the private key as PKCS#8 PEM in a file, the public key as etc/keys.properties wants it. */
    static String[] sshKey() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        java.security.KeyPair pair = g.generateKeyPair();
        java.security.interfaces.RSAPublicKey pub = (java.security.interfaces.RSAPublicKey) pair.getPublic();
        java.io.ByteArrayOutputStream blob = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(blob);
        for (byte[] part : List.of("ssh-rsa".getBytes(StandardCharsets.US_ASCII), pub.getPublicExponent().toByteArray(),
                pub.getModulus().toByteArray())) {
            out.writeInt(part.length);
            out.write(part);
        }
        File pem = File.createTempFile("mekong-admin-key", ".pem");
        pem.deleteOnExit();
        java.nio.file.Files.writeString(pem.toPath(), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new String[] { pem.getAbsolutePath(), java.util.Base64.getEncoder().encodeToString(blob.toByteArray()) };
    }
}

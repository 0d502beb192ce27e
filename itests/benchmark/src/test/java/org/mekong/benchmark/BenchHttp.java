package org.mekong.benchmark;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** HTTP to the server under benchmark (inside its JVM, as Pax Exam runs the test), and small statistics. */
final class BenchHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = basic("admin", BenchmarkKaraf.ADMIN_PASSWORD);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A request with the given Authorization (null for anonymous) and JSON body (null for none). */
    Reply call(String method, String path, String auth, Object body) throws Exception {
        byte[] json = body == null ? null : JSON.writeValueAsBytes(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:"
                + System.getProperty("mekong.http.port", "8181") + path)).timeout(Duration.ofMinutes(2))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body());
    }

    Reply get(String path, String auth) throws Exception {
        return call("GET", path, auth, null);
    }

    /** Waits until the monitoring plugin answers and the demo data is there. */
    void awaitServer() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Reply o = get("/api/monitoring/overview?orgUnit=VN", null);
                if (o.status() == 200 && o.json().path("children").size() > 30 && get("/api/me", ADMIN).status() == 200) {
                    return;
                }
                last = o.toString();
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        fail("The server did not come up within 240 s: " + last);
    }

    static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static void log(String format, Object... args) {
        System.out.println("[bench] " + String.format(Locale.ROOT, format, args));
    }
}

package org.mekong.benchmark;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOption;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hot deploy under load: while {@code bench.deploy.clients} (default 4) clients send steady reads
 * (indicators, org units, the dashboard) and writes (new org units) to core endpoints, the
 * Hue plugin is installed and uninstalled {@code bench.deploy.cycles} (default 10) times through
 * the admin API ({@code /api/plugins}). Reports the time from the install request to
 * {@code /api/hue} answering 200, and every core request that did not answer 2xx during the
 * cycles. Writes {@code target/benchmark-hotdeploy.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployBenchmarkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Configuration
    public Option[] config() {
        String archive = System.getProperty("mekong.distribution");
        if (archive == null || !new File(archive).isFile()) {
            throw new IllegalStateException("Build the distribution first: " + archive + " is missing");
        }
        String target = System.getProperty("project.build.directory", "target");
        int httpPort = MonitoringBenchmarkIT.freePort();
        List<Option> options = new ArrayList<>(List.of(
            karafDistributionConfiguration().frameworkUrl(new File(archive).toURI().toString())
                    .name("Mekong").unpackDirectory(new File(target, "exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.WARN),
            vmOption("-Xmx" + System.getProperty("bench.heap", "4g")),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort)),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(MonitoringBenchmarkIT.freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(MonitoringBenchmarkIT.freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(MonitoringBenchmarkIT.freePort())),
            editConfigurationFilePut("etc/org.mekong.identity.cfg", "admin.password", MonitoringBenchmarkIT.ADMIN_PASSWORD),
            editConfigurationFilePut("etc/org.mekong.monitoring.cfg", "warnings.interval.minutes", "0"),
            systemProperty("mekong.http.port").value(Integer.toString(httpPort)),
            systemProperty("bench.out").value(new File(target, "benchmark-hotdeploy.md").getAbsolutePath())));
        for (String p : List.of("bench.deploy.cycles", "bench.deploy.clients")) {
            if (System.getProperty(p) != null && !System.getProperty(p).isBlank()) {
                options.add(systemProperty(p).value(System.getProperty(p)));
            }
        }
        return options.toArray(Option[]::new);
    }

    private final int cycles = Integer.getInteger("bench.deploy.cycles", 10);
    private final int clients = Integer.getInteger("bench.deploy.clients", 4);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:"
            + MonitoringBenchmarkIT.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private String base() {
        return "http://localhost:" + System.getProperty("mekong.http.port", "8181");
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private int status(String path) {
        try {
            return call("GET", path, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private void await(String path, int wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status(path) != wanted) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not answer " + wanted);
            }
            Thread.sleep(20);
        }
    }

    private void job(String feature, String action) throws Exception {
        HttpResponse<String> r = call("POST", "/api/plugins/" + feature + "/" + action, "{}");
        if (r.statusCode() != 202) {
            throw new AssertionError(action + ": " + r.statusCode() + " " + r.body());
        }
        String id = JSON.readTree(r.body()).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> j = call("GET", "/api/plugins/jobs/" + id, null);
            if (j.statusCode() == 200) {
                JsonNode n = JSON.readTree(j.body());
                if ("DONE".equals(n.get("status").asText())) {
                    return;
                }
                if ("FAILED".equals(n.get("status").asText())) {
                    throw new AssertionError("job failed: " + j.body());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    public void installAndUninstallUnderLoad() throws Exception {
        await("/api/sandbox/mechanisms", 200, Duration.ofSeconds(180));
        await("/api/monitoring/overview", 200, Duration.ofSeconds(180));
        Thread.sleep(5000); // let the boot-time whiteboard rebuilds finish
        String[] reads = { "/api/indicators", "/api/orgunits/VN", "/api/monitoring/overview", "/api/me" };
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    n++;
                    String what;
                    int code;
                    try {
                        if (n % 3 == 0) {
                            what = "POST /api/orgunits";
                            code = call("POST", "/api/orgunits", "{\"code\":\"LOAD-" + client + "-" + n
                                    + "\",\"nameVi\":\"Tải thử " + n + "\",\"nameEn\":\"Load " + n
                                    + "\",\"level\":\"COMMUNE\",\"parentCode\":\"HUE\"}").statusCode();
                        } else {
                            what = "GET " + reads[(int) (n % reads.length)];
                            code = call("GET", reads[(int) (n % reads.length)], null).statusCode();
                        }
                    } catch (Exception e) {
                        what = "I/O";
                        code = -1;
                    }
                    if (code >= 200 && code < 300) {
                        ok.incrementAndGet();
                    } else {
                        failures.computeIfAbsent(what + " -> " + code, k -> new AtomicLong()).incrementAndGet();
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load-" + c);
            t.start();
            threads.add(t);
        }
        Thread.sleep(3000);
        long okBefore = ok.get();
        long failBefore = failures.values().stream().mapToLong(AtomicLong::get).sum();
        List<Long> installMs = new ArrayList<>();
        List<Long> uninstallMs = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < cycles; i++) {
            long t0 = System.nanoTime();
            job("mekong-province-hue", "install");
            await("/api/hue", 200, Duration.ofSeconds(60));
            installMs.add((System.nanoTime() - t0) / 1_000_000);
            long t1 = System.nanoTime();
            job("mekong-province-hue", "uninstall");
            await("/api/hue", 404, Duration.ofSeconds(60));
            uninstallMs.add((System.nanoTime() - t1) / 1_000_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2000);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        long served = ok.get() - okBefore;
        long failed = failures.values().stream().mapToLong(AtomicLong::get).sum() - failBefore;
        installMs.sort(Long::compare);
        uninstallMs.sort(Long::compare);
        StringBuilder detail = new StringBuilder();
        failures.forEach((k, v) -> detail.append(k).append(": ").append(v.get()).append("; "));
        String table = String.format(Locale.ROOT, "| Hot deploy under load | value | target |%n|---|---|---|%n"
                + "| cycles (install + uninstall of mekong-province-hue via /api/plugins) | %d in %.1f s | 10 |%n"
                + "| install request -> /api/hue 200, median / max | %,d / %,d ms | |%n"
                + "| uninstall request -> /api/hue 404, median / max | %,d / %,d ms | |%n"
                + "| core requests by %d clients (reads and org-unit writes) during the cycles | %,d answered 2xx | |%n"
                + "| core requests failed | %,d | 0 |%n"
                + "| failures by request | %s | |%n",
                cycles, seconds, installMs.get(installMs.size() / 2), installMs.get(installMs.size() - 1),
                uninstallMs.get(uninstallMs.size() / 2), uninstallMs.get(uninstallMs.size() - 1), clients, served, failed,
                detail.length() == 0 ? "none" : detail.toString());
        System.out.println(table);
        Files.writeString(new File(System.getProperty("bench.out", "benchmark-hotdeploy.md")).toPath(), table);
    }
}

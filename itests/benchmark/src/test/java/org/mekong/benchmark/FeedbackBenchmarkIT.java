package org.mekong.benchmark;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A burst of anonymous feedback: an open-loop generator sends {@code bench.feedback.rate}
 * submissions per second (default 500) for {@code bench.feedback.seconds} (default 60) to
 * {@code POST /api/feedback/items}, at most {@code bench.feedback.inflight} (default 256) at a
 * time, then counts the items in the database. Accepted (201) must equal stored: nothing lost.
 * The per-address intake limit is switched off for the run (one generator is one address).
 * Writes {@code target/benchmark-feedback.md}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeedbackBenchmarkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Filter(value = "(osgi.jndi.service.name=mekongds)", timeout = 120_000)
    private DataSource ds;

    @Configuration
    public Option[] config() {
        List<Option> options = BenchmarkKaraf.options("benchmark-feedback.md", List.of("bench.feedback.rate",
                "bench.feedback.seconds", "bench.feedback.inflight"));
        // one generator is one address: the per-address intake limit is off for the run
        options.add(editConfigurationFilePut("etc/org.mekong.feedback.cfg", "intake.rate.per.minute", "0"));
        return options.toArray(Option[]::new);
    }

    private final int rate = Integer.getInteger("bench.feedback.rate", 500);
    private final int seconds = Integer.getInteger("bench.feedback.seconds", 60);
    private final int inflight = Integer.getInteger("bench.feedback.inflight", 256);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private String base() {
        return "http://localhost:" + System.getProperty("mekong.http.port", "8181");
    }

    @Test
    public void burst() throws Exception {
        awaitFeedback();
        // warm-up: 2,000 submissions, not timed
        run(Math.min(rate, 200), 10, "WARM");
        long afterWarm = stored();

        Result r = run(rate, seconds, "BENCH");
        long stored = stored() - afterWarm;
        String table = String.format(Locale.ROOT, "| Feedback burst | value | target |%n|---|---|---|%n"
                + "| offered | %,d submissions at %d/s for %d s (open loop, at most %d in flight) | 500/s for 60 s |%n"
                + "| sent in | %.1f s (%,.0f/s achieved) | |%n"
                + "| accepted (201) | %,d | |%n"
                + "| stored (rows in FB_ITEM) | %,d | = accepted |%n"
                + "| refused / failed | %,d / %,d %s | |%n"
                + "| latency p50 / p95 / p99 | %.1f / %.1f / %.1f ms | |%n"
                + "| generator waited for a free slot | %,d times | |%n",
                r.offered, rate, seconds, inflight, r.seconds, r.offered / r.seconds, r.accepted.get(), stored,
                r.refused.get(), r.failed.get(), r.statuses.isEmpty() ? "" : r.statuses.toString(), r.pct(50),
                r.pct(95), r.pct(99), r.throttled.get());
        System.out.println();
        System.out.println(table);
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.writeString(new File(out).toPath(), table, StandardCharsets.UTF_8);
            System.out.println("(written to " + out + ")");
        }
        assertEquals("nothing lost: accepted == stored", r.accepted.get(), stored);
        if (Boolean.getBoolean("bench.enforce")) {
            assertEquals("every submission accepted", r.offered, r.accepted.get());
        }
    }

    private static final class Result {
        int offered;
        double seconds;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();

        double pct(int p) {
            double[] all = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            if (all.length == 0) {
                return Double.NaN;
            }
            Arrays.sort(all);
            return all[Math.min(all.length - 1, (int) Math.ceil(p / 100.0 * all.length) - 1)];
        }
    }

    /** Sends rate x seconds submissions on a fixed schedule; waits for all answers. */
    private Result run(int perSecond, int duration, String prefix) throws Exception {
        Result r = new Result();
        int total = perSecond * duration;
        r.offered = total;
        Semaphore slots = new Semaphore(inflight);
        String[] places = { "HUE-QUANG-DIEN", "HUE-PHU-XUAN", "HUE-HUONG-AN", "HUE-PHONG-THAI", "HUE-A-LUOI-1", "HUE" };
        long start = System.nanoTime();
        long interval = 1_000_000_000L / perSecond;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!slots.tryAcquire()) {
                r.throttled.incrementAndGet();
                slots.acquire();
            }
            byte[] body = JSON.writeValueAsBytes(Map.of("title", prefix + " phản ánh số " + i, "content",
                    "Nội dung phản ánh thử tải số " + i + ": cổng dịch vụ công chậm khi nộp hồ sơ trực tuyến.",
                    "orgUnit", places[i % places.length]));
            HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/api/feedback/items"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long sent = System.nanoTime();
            http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, error) -> {
                r.latencies.add((System.nanoTime() - sent) / 1e6);
                if (error != null) {
                    r.failed.incrementAndGet();
                } else if (resp.statusCode() == 201) {
                    r.accepted.incrementAndGet();
                } else {
                    r.refused.incrementAndGet();
                    r.statuses.merge(resp.statusCode(), 1, Integer::sum);
                }
                slots.release();
            });
        }
        slots.acquire(inflight);
        slots.release(inflight);
        r.seconds = (System.nanoTime() - start) / 1e9;
        return r;
    }

    private long stored() throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM FB_ITEM");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void awaitFeedback() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/feedback/options"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().startsWith("{") && stored() > 0) {
                    return;
                }
            } catch (java.io.IOException | java.sql.SQLException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        assertTrue("the feedback plugin did not come up", false);
    }
}

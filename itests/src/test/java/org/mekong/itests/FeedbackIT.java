package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The feedback plugin through real HTTP on the real distribution (with the monitoring plugin and
 * both demo data sets): intake by REST, SOAP and Open311, the processing workflow, routing,
 * merging, publication without personal data, statistics against a hand-computed fixture, the
 * resolution-rate indicator and overdue warnings, the discussion space and its moderation, every
 * bad-input refusal with nothing stored, and live uninstall and reinstall. Tests that count
 * build their own org units, so the demo data never changes the expected figures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class FeedbackIT extends MekongTestSupport {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @Inject
    @Filter(timeout = 120_000)
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return distribution(freePort(), true);
    }

    private static volatile boolean feedbackReady;

    /** The plugin starts after the core and loads its demo data first: wait for both. */
    @org.junit.Before
    public void awaitFeedback() throws Exception {
        if (feedbackReady) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Reply r = get("/api/feedback/stats?orgUnit=HUE&from=2025-01-01&to=2025-06-30&asOf=2025-07-01", null);
            if (r.status() == 200 && r.body().startsWith("{") && r.json().path("total").path("received").asInt() > 0
                    && get("/soap/feedback-service?wsdl", null).status() == 200
                    && get("/api/monitoring/overview", admin()).status() == 200) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The feedback plugin and its demo data did not come up within 90 s: " + r);
            }
            Thread.sleep(250);
        }
        feedbackReady = true;
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> item(String title, String content, String orgUnit) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("content", content);
        m.put("orgUnit", orgUnit);
        return m;
    }

    private static String submit(String auth, Map<String, Object> body) throws Exception {
        Reply r = send("POST", "/api/feedback/items", auth, body);
        assertEquals(r.toString(), 201, r.status());
        String code = r.json().get("code").asText();
        assertTrue(code, code.matches("PA-[0-9A-HJKMNP-TV-Z]{10}"));
        return code;
    }

    private static Reply act(String code, String action, String auth, Object body) throws Exception {
        return send("POST", "/api/feedback/items/" + code + "/" + action, auth, body == null ? Map.of() : body);
    }

    private static JsonNode ok(Reply r) {
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    private static long count(String query) throws Exception {
        return get("/api/feedback/items?limit=1" + query, admin()).json().get("total").asLong();
    }

    private static void unit(String code, String level, String parent) throws Exception {
        Reply r = send("POST", "/api/orgunits", admin(), Map.of("code", code, "nameVi", "Đơn vị " + code, "nameEn",
                "Unit " + code, "level", level, "parentCode", parent));
        assertEquals(r.toString(), 201, r.status());
    }

    private static final String LONG_TEXT = "Cổng dịch vụ công của xã báo lỗi khi tải tệp đính kèm hồ sơ trực tuyến.";

    private static volatile String clerk;

    /** An intake clerk (staff, never rate limited) who types in items so that other accounts may answer them. */
    private static String clerk() throws Exception {
        if (clerk == null) {
            clerk = createUser("fb.clerk", "REPORTER", "VN");
        }
        return clerk;
    }

    private static int port() {
        return Integer.parseInt(System.getProperty("mekong.http.port", "8181"));
    }

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** One request to the server at the given address literal ({@code 127.0.0.1}, {@code [::1]}) with extra headers. */
    private static Reply at(String host, String method, String path, String auth, String contentType, byte[] body,
            Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + host + ":"
                + port() + path)).timeout(Duration.ofSeconds(60)).method(method, body == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        java.net.http.HttpResponse<String> r = CLIENT.send(b.build(), java.net.http.HttpResponse.BodyHandlers
                .ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body(), r);
    }

    private static Reply postItem(String host, String auth, Object json, Map<String, String> headers) throws Exception {
        return at(host, "POST", "/api/feedback/items", auth, "application/json", JSON.writeValueAsBytes(json), headers);
    }

    /** A raw HTTP/1.1 exchange, so that the Host header can be anything (java.net.http refuses to set it). */
    private static Reply raw(String method, String path, String host, String contentType, byte[] body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\nAuthorization: " + admin() + "\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                        .append("\r\n");
            }
            head.append("\r\n");
            java.io.OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split);
            byte[] rest = java.util.Arrays.copyOfRange(all, split + 4, all.length);
            if (headers.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                int i = 0;
                while (true) {
                    int eol = new String(rest, i, rest.length - i, StandardCharsets.ISO_8859_1).indexOf("\r\n") + i;
                    int size = Integer.parseInt(new String(rest, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0]
                            .trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.write(rest, eol + 2, size);
                    i = eol + 2 + size + 2;
                }
                rest = joined.toByteArray();
            }
            return new Reply(Integer.parseInt(headers.split(" ")[1]), new String(rest, StandardCharsets.UTF_8), null);
        }
    }

    @Inject
    private org.osgi.framework.BundleContext context;

    /** Sets (or with null removes) one key of the feedback configuration, through Config Admin as an operator would. */
    @SuppressWarnings("unchecked")
    private void feedbackConfig(String key, String value) throws Exception {
        config("org.mekong.feedback", key, value);
    }

    private void config(String pid, String key, String value) throws Exception {
        org.osgi.framework.ServiceReference<?> ref = context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin");
        Object admin = context.getService(ref);
        try {
            Class<?> cm = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
            Class<?> cfg = ref.getBundle().loadClass("org.osgi.service.cm.Configuration");
            Object c = cm.getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, null);
            java.util.Dictionary<String, Object> p = (java.util.Dictionary<String, Object>) cfg.getMethod("getProperties")
                    .invoke(c);
            if (p == null) {
                p = new java.util.Hashtable<>();
            }
            if (value == null) {
                p.remove(key);
            } else {
                p.put(key, value);
            }
            cfg.getMethod("update", java.util.Dictionary.class).invoke(c, p);
        } finally {
            context.ungetService(ref);
        }
    }

    private static final java.util.regex.Pattern TRACKING_CODE = java.util.regex.Pattern.compile("PA-[0-9A-Z]{10}");

    // ------------------------------------------------------------------ intake by channel

    @Test
    public void a_aCitizenSubmitsByRestAndFollowsByTrackingCodeWithoutPersonalData() throws Exception {
        Map<String, Object> body = item("Cổng dịch vụ công bị lỗi", LONG_TEXT, "HUE-QUANG-DIEN");
        body.put("senderType", "PERSON");
        body.put("senderName", "Nguyễn Thị Riêng");
        body.put("senderEmail", "rieng@example.vn");
        body.put("senderPhone", "0912 345 678");
        body.put("attachments", List.of(Map.of("name", "loi.png", "contentType", "image/png", "data",
                Base64.getEncoder().encodeToString(new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0 }))));
        String code = submit(null, body);
        Reply track = get("/api/feedback/track/" + code, null);
        JsonNode t = ok(track);
        assertEquals("RECEIVED", t.get("status").asText());
        assertEquals("HUE-QUANG-DIEN", t.get("orgUnit").get("code").asText());
        assertEquals(1, t.get("attachments").size());
        assertEquals("RECEIVED", t.get("history").get(0).get("status").asText());
        assertFalse("no personal data on the public view", track.body().contains("Riêng")
                || track.body().contains("rieng@") || track.body().contains("0912"));
        assertEquals(404, get("/api/feedback/track/PA-0000000000", null).status());
        // staff see the sender, the channel and an automatic suggestion
        JsonNode full = ok(get("/api/feedback/items/" + code, admin()));
        assertEquals("Nguyễn Thị Riêng", full.get("senderName").asText());
        assertEquals("REST", full.get("channel").asText());
        assertEquals("DIFFICULTY", full.get("suggestion").get("category").asText());
        assertEquals("DIGITAL_TRANSFORMATION", full.get("suggestion").get("field").asText());
        assertTrue("similar demo items are proposed", full.get("duplicates").size() > 0);
        long id = full.get("attachments").get(0).get("id").asLong();
        Reply file = call("GET", "/api/feedback/items/" + code + "/attachments/" + id, admin(), null, null);
        assertEquals(200, file.status());
        assertEquals("image/png", file.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals("anonymous callers never see the staff view", 401, get("/api/feedback/items/" + code, null).status());
    }

    @Test
    public void b_soapClientsSubmitAndTrack() throws Exception {
        Reply wsdl = get("/soap/feedback-service?wsdl", null);
        assertEquals(200, wsdl.status());
        assertTrue(wsdl.body().contains("submitFeedback") && wsdl.body().contains("trackFeedback"));
        assertWsdlDocumented(wsdl.body());
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:f=\"http://mekong.org/soap/feedback/1.0\"><soapenv:Body><f:submitFeedback><feedback>"
                + "<title>Đề xuất sàn nông sản trực tuyến</title><content>Hợp tác xã đề xuất xây dựng sàn giao dịch nông "
                + "sản trực tuyến cho sản phẩm của xã.</content><orgUnit>HUE-PHU-XUAN</orgUnit>"
                + "<attachment><name>de-xuat.txt</name><contentType>text/plain</contentType><data>"
                + Base64.getEncoder().encodeToString("Nội dung đề xuất".getBytes(StandardCharsets.UTF_8))
                + "</data></attachment></feedback></f:submitFeedback></soapenv:Body></soapenv:Envelope>";
        Reply r = call("POST", "/soap/feedback-service", null, "text/xml; charset=UTF-8",
                envelope.getBytes(StandardCharsets.UTF_8));
        assertEquals(r.toString(), 200, r.status());
        String code = r.body().replaceAll("(?s).*<code>(PA-[0-9A-Z]+)</code>.*", "$1");
        assertTrue(r.body(), code.startsWith("PA-"));
        assertEquals("SOAP", ok(get("/api/feedback/items/" + code, admin())).get("channel").asText());
        Reply tracked = call("POST", "/soap/feedback-service", null, "text/xml; charset=UTF-8", ("<soapenv:Envelope "
                + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"http://mekong.org/soap/feedback/1.0\">"
                + "<soapenv:Body><f:trackFeedback><code>" + code + "</code></f:trackFeedback></soapenv:Body>"
                + "</soapenv:Envelope>").getBytes(StandardCharsets.UTF_8));
        assertEquals(tracked.toString(), 200, tracked.status());
        assertTrue(tracked.body().contains("<status>RECEIVED</status>"));
        // a bad submission is a client fault (HTTP 500, WS-I) naming the field, nothing stored
        long before = count("");
        Reply bad = call("POST", "/soap/feedback-service", null, "text/xml; charset=UTF-8", envelope
                .replace("HUE-PHU-XUAN", "NO-SUCH-UNIT").getBytes(StandardCharsets.UTF_8));
        assertSoapFault(bad, "Client", "invalid_input");
        assertTrue(bad.body().contains("orgUnit"));
        assertEquals(before, count(""));
    }

    @Test
    public void c_open311ClientsReadServicesPostAndGetRequests() throws Exception {
        JsonNode services = get("/api/open311/v2/services.json", null).json();
        assertEquals(5, services.size());
        assertEquals("ADMIN_PROCEDURE", services.get(3).get("service_code").asText());
        assertTrue(services.get(0).get("metadata").asBoolean());
        JsonNode definition = get("/api/open311/v2/services/ADMIN_PROCEDURE.json", null).json();
        assertEquals("org_unit", definition.get("attributes").get(0).get("code").asText());
        Reply xml = get("/api/open311/v2/services.xml", null);
        assertTrue(xml.body(), xml.body().contains("<services><service><service_code>DIFFICULTY</service_code>"));
        // POST as an Open311 client does: form encoded
        String form = "service_code=ADMIN_PROCEDURE&attribute%5Borg_unit%5D=HUE-PHU-XUAN&lat=16.4637&long=107.5909"
                + "&first_name=Minh&last_name=Tran&email=minh%40example.vn&description="
                + java.net.URLEncoder.encode("Thủ tục cấp phép xây dựng nhà ở riêng lẻ quá chậm, đề nghị rút ngắn.",
                        StandardCharsets.UTF_8);
        Reply created = call("POST", "/api/open311/v2/requests.json", null, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().get(0).get("service_request_id").asText();
        JsonNode one = get("/api/open311/v2/requests/" + id + ".json", null).json().get(0);
        assertEquals("open", one.get("status").asText());
        assertEquals("ADMIN_PROCEDURE", one.get("service_code").asText());
        assertTrue(one.get("requested_datetime").asText().endsWith("+07:00"));
        JsonNode full = ok(get("/api/feedback/items/" + id, admin()));
        assertEquals("OPEN311", full.get("channel").asText());
        assertEquals("Minh Tran", full.get("senderName").asText());
        assertEquals(16.4637, full.get("lat").asDouble(), 1e-9);
        // errors in Open311's own format, in the requested format
        Reply missing = call("POST", "/api/open311/v2/requests.xml", null, "application/x-www-form-urlencoded",
                "service_code=OTHER&description=qua%20ngan".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, missing.status());
        assertTrue(missing.body(), missing.body().contains("<errors><error><code>400</code>"));
        assertEquals(404, get("/api/open311/v2/requests/PA-0000000000.json", null).status());
        JsonNode list = get("/api/open311/v2/requests.json?service_code=ADMIN_PROCEDURE", null).json();
        boolean found = false;
        for (JsonNode r : list) {
            found |= r.get("service_request_id").asText().equals(id);
            assertTrue("no personal data in public lists", !r.hasNonNull("description")
                    || !r.get("description").asText().contains("@"));
        }
        assertTrue(found);
    }

    // ------------------------------------------------------------------ workflow, routing, merge, publication

    @Test
    public void d_theWorkflowMovesStepByStepAndRefusesSkippedSteps() throws Exception {
        String mod = createUser("fb.mod", "MODERATOR", "HUE");
        String reporter = createUser("fb.centre", "REPORTER", "HUE-KIM-LONG");
        String outsider = createUser("fb.outsider", "MODERATOR", "HA-NOI");
        String code = submit(null, item("Hồ sơ đất đai quá hạn", "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi "
                + "đã quá hạn nhưng chưa có kết quả.", "HUE-KIM-LONG"));
        assertEquals(403, get("/api/feedback/items/" + code, outsider).status());
        assertEquals(403, act(code, "classify", reporter, Map.of("category", "ADMIN_PROCEDURE", "field", "OTHER")).status());
        Reply skip = act(code, "answer", mod, Map.of("answer", "Trả lời trước khi phân loại"));
        assertEquals(409, skip.status());
        assertTrue(skip.json().get("message").asText().contains("RECEIVED"));
        assertEquals(400, act(code, "classify", mod, Map.of("category", "NOPE", "field", "OTHER")).status());
        JsonNode c = ok(act(code, "classify", mod, Map.of("category", "ADMIN_PROCEDURE", "field", "OTHER")));
        assertEquals("CLASSIFIED", c.get("status").asText());
        LocalDate received = LocalDate.now(VN);
        assertEquals("deadline = received + 10 days for administrative procedures", received.plusDays(10).toString(),
                c.get("deadline").asText());
        JsonNode a = ok(act(code, "assign", mod, null));
        assertEquals("ASSIGNED", a.get("status").asText());
        assertEquals("HUE-KIM-LONG", a.get("responsibleUnit").get("code").asText());
        JsonNode s = ok(act(code, "start", reporter, null));
        assertEquals("IN_PROGRESS", s.get("status").asText());
        ok(act(code, "notes", reporter, Map.of("text", "Đã liên hệ phòng tài nguyên")));
        assertEquals(400, act(code, "answer", reporter, Map.of("answer", "")).status());
        JsonNode ans = ok(act(code, "answer", reporter, Map.of("answer", "Hồ sơ đã được giải quyết ngày hôm nay.")));
        assertEquals("ANSWERED", ans.get("status").asText());
        assertEquals("fb.centre", ans.get("answeredBy").asText());
        assertEquals("a reporter may not publish", 403, act(code, "publish", reporter, null).status());
        JsonNode p = ok(act(code, "publish", mod, null));
        assertEquals("PUBLISHED", p.get("status").asText());
        List<String> steps = new ArrayList<>();
        p.get("history").forEach(h -> steps.add(h.get("status").asText()));
        assertEquals(List.of("RECEIVED", "CLASSIFIED", "ASSIGNED", "IN_PROGRESS", "ANSWERED", "PUBLISHED"), steps);
        JsonNode t = ok(get("/api/feedback/track/" + code, null));
        assertEquals("Hồ sơ đã được giải quyết ngày hôm nay.", t.get("answer").asText());
        assertFalse("internal notes never public", get("/api/feedback/track/" + code, null).body()
                .contains("phòng tài nguyên"));
        assertEquals(409, act(code, "reject", mod, Map.of("reason", "Quá muộn để từ chối")).status());
        // rejection needs a reason the sender then sees
        String other = submit(null, item("Nội dung không liên quan", "Nội dung này không thuộc phạm vi tiếp nhận của hệ thống.",
                "HUE-KIM-LONG"));
        assertEquals(400, act(other, "reject", mod, Map.of("reason", "")).status());
        ok(act(other, "reject", mod, Map.of("reason", "Không thuộc phạm vi tiếp nhận")));
        JsonNode rejected = ok(get("/api/feedback/track/" + other, null));
        assertEquals("REJECTED", rejected.get("status").asText());
        assertEquals("Không thuộc phạm vi tiếp nhận", rejected.get("rejectReason").asText());
    }

    @Test
    public void e_routingFollowsTheRulesAndStaffCanOverride() throws Exception {
        Reply refused = send("PUT", "/api/feedback/routes", createUser("fb.mod2", "MODERATOR", "VN"),
                List.of(Map.of("unit", "BO-KHCN")));
        assertEquals(403, refused.status());
        Reply bad = send("PUT", "/api/feedback/routes", admin(), List.of(Map.of("field", "SCIENCE_TECHNOLOGY", "place", "VN",
                "unit", "NO-SUCH")));
        assertEquals(400, bad.status());
        assertEquals("[0].unit", bad.json().get("details").get(0).get("field").asText());
        List<Map<String, Object>> rules = new ArrayList<>();
        rules.add(Map.of("field", "SCIENCE_TECHNOLOGY", "place", "VN", "unit", "BO-KHCN"));
        rules.add(Map.of("field", "SCIENCE_TECHNOLOGY", "place", "DA-NANG", "unit", "DA-NANG"));
        rules.add(Map.of("place", "HUE"));
        assertEquals(3, ok(send("PUT", "/api/feedback/routes", admin(), rules)).size());
        String national = submit(admin(), item("Đề tài khoa học", "Đề nghị cơ chế khoán chi đến sản phẩm cuối cùng cho đề tài "
                + "khoa học.", "VN"));
        ok(act(national, "classify", admin(), Map.of("category", "POLICY_PROPOSAL", "field", "SCIENCE_TECHNOLOGY")));
        assertEquals("BO-KHCN", ok(get("/api/feedback/items/" + national, admin())).get("route").get("code").asText());
        assertEquals("BO-KHCN", ok(act(national, "assign", admin(), null)).get("responsibleUnit").get("code").asText());
        String danang = submit(admin(), item("Đề tài ở Đà Nẵng", "Đề nghị hỗ trợ phòng thí nghiệm cho đề tài khoa học của "
                + "thành phố.", "DA-NANG"));
        ok(act(danang, "classify", admin(), Map.of("category", "POLICY_PROPOSAL", "field", "SCIENCE_TECHNOLOGY")));
        assertEquals("the deeper place wins", "DA-NANG", ok(act(danang, "assign", admin(), null))
                .get("responsibleUnit").get("code").asText());
        String hue = submit(admin(), item("Đề tài ở Huế", "Đề nghị hỗ trợ đề tài khoa học của nhà khoa học trẻ ở xã.",
                "HUE-PHU-XUAN"));
        ok(act(hue, "classify", admin(), Map.of("category", "POLICY_PROPOSAL", "field", "SCIENCE_TECHNOLOGY")));
        assertEquals("a rule without unit keeps the item at its place", "HUE-PHU-XUAN",
                ok(act(hue, "assign", admin(), null)).get("responsibleUnit").get("code").asText());
        assertEquals("reassigning needs a reason", 400, act(hue, "assign", admin(), Map.of("unit", "HUE")).status());
        JsonNode moved = ok(act(hue, "assign", admin(), Map.of("unit", "HUE", "note", "Thuộc thẩm quyền của tỉnh")));
        assertEquals("HUE", moved.get("responsibleUnit").get("code").asText());
        assertEquals("ASSIGNED", moved.get("status").asText());
    }

    @Test
    public void f_aMergedDuplicateFollowsItsPrimary() throws Exception {
        String text = "Trạm phát sóng ở thôn Hợp Thượng bị hỏng từ tuần trước, cả thôn mất liên lạc điện thoại và mạng.";
        String primary = submit(null, item("Internet yếu ở thôn", text, "HUE-A-LUOI-2"));
        String duplicate = submit(null, item("Sóng yếu không thanh toán được", text + " Đề nghị sớm khắc phục.",
                "HUE-A-LUOI-2"));
        JsonNode dup = ok(get("/api/feedback/items/" + duplicate, admin()));
        boolean proposed = false;
        for (JsonNode d : dup.get("duplicates")) {
            proposed |= d.get("code").asText().equals(primary);
        }
        assertTrue("the earlier item is proposed as a duplicate: " + dup.get("duplicates"), proposed);
        assertEquals(400, act(duplicate, "merge", admin(), Map.of("into", duplicate)).status());
        JsonNode merged = ok(act(duplicate, "merge", admin(), Map.of("into", primary)));
        assertEquals("MERGED", merged.get("status").asText());
        assertEquals(primary, merged.get("mergedInto").asText());
        assertEquals(List.of(duplicate).toString(), ok(get("/api/feedback/items/" + primary, admin())).get("merged")
                .toString().replace("\"", ""));
        ok(act(primary, "classify", admin(), Map.of("category", "DIFFICULTY", "field", "DIGITAL_TRANSFORMATION")));
        ok(act(primary, "assign", admin(), null));
        ok(act(primary, "answer", admin(), Map.of("answer", "Nhà mạng đã lắp thêm trạm phát sóng.")));
        JsonNode t = ok(get("/api/feedback/track/" + duplicate, null));
        assertEquals("ANSWERED", t.get("status").asText());
        assertEquals("the sender sees the primary's public id, never its tracking code",
                ok(get("/api/feedback/items/" + primary, admin())).get("publicId").asText(), t.get("mergedInto").asText());
        assertEquals("Nhà mạng đã lắp thêm trạm phát sóng.", t.get("answer").asText());
        assertEquals("a merged item is no longer processed", 409,
                act(duplicate, "classify", admin(), Map.of("category", "OTHER", "field", "OTHER")).status());
    }

    @Test
    public void g_publishedAnswersHideThePersonalDataAndAreSearchableWithoutAccents() throws Exception {
        Map<String, Object> body = item("Chuyển đổi số ở phường", "Tôi là Trần Văn Bí, email bi.tran@example.vn, điện thoại "
                + "0905 123 456: đề nghị đẩy mạnh chuyển đổi số trong thủ tục hộ tịch.", "HUE-THUY-XUAN");
        body.put("senderType", "PERSON");
        body.put("senderName", "Trần Văn Bí");
        body.put("senderEmail", "bi.tran@example.vn");
        String code = submit(null, body);
        ok(act(code, "classify", admin(), Map.of("category", "POLICY_PROPOSAL", "field", "DIGITAL_TRANSFORMATION")));
        ok(act(code, "assign", admin(), null));
        ok(act(code, "answer", admin(), Map.of("answer", "Phường đã triển khai hộ tịch điện tử toàn trình.")));
        String publicId = ok(get("/api/feedback/items/" + code, admin())).get("publicId").asText();
        assertEquals("not public before publication", 404, get("/api/feedback/published/" + publicId, null).status());
        ok(act(code, "publish", admin(), null));
        assertEquals("the tracking code is no public id", 404, get("/api/feedback/published/" + code, null).status());
        Reply published = get("/api/feedback/published/" + publicId, null);
        JsonNode p = ok(published);
        // the texts, not the whole body: a timestamp's nanoseconds may well contain "0905"
        String texts = p.path("title").asText() + " " + p.path("content").asText() + " " + p.path("answer").asText();
        assertFalse(published.body(), texts.contains("Bí") || texts.contains("bi.tran") || texts.contains("0905"));
        assertTrue(p.get("content").asText().contains("[name]") && p.get("content").asText().contains("[e-mail]")
                && p.get("content").asText().contains("[phone]"));
        JsonNode found = ok(get("/api/feedback/published?q=chuyen%20doi%20so%20ho%20tich&limit=50", null));
        boolean hit = false;
        for (JsonNode i : found.get("items")) {
            hit |= i.get("publicId").asText().equals(publicId);
            assertTrue(i.toString(), i.get("senderName") == null && i.get("code") == null);
        }
        assertTrue("search without accents finds the published item", hit);
        assertEquals(0, ok(get("/api/feedback/published?q=khongcotu%20nao&limit=5", null)).get("total").asInt());
        JsonNode filtered = ok(get("/api/feedback/published?orgUnit=HUE-THUY-XUAN&category=POLICY_PROPOSAL&limit=100", null));
        assertTrue(filtered.get("total").asInt() >= 1);
        filtered.get("items").forEach(i -> assertEquals("POLICY_PROPOSAL", i.get("category").asText()));
    }

    // ------------------------------------------------------------------ statistics

    @Test
    public void h_statisticsMatchAHandComputedFixture() throws Exception {
        unit("ITFB", "PROVINCE", "VN");
        unit("ITFB-A", "COMMUNE", "ITFB");
        unit("ITFB-B", "COMMUNE", "ITFB");
        // A: 4 received, 2 answered (1 published); B: 3 received, 1 answered, 1 rejected; 1 duplicate merged into A's
        List<String> a = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            a.add(submit(clerk(), item("Phản ánh A" + i, "Nội dung phản ánh số " + i + " của xã A về dịch vụ công.", "ITFB-A")));
        }
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            b.add(submit(clerk(), item("Phản ánh B" + i, "Nội dung kiến nghị số " + i + " của xã B về khoa học.", "ITFB-B")));
        }
        String dup = submit(clerk(), item("Trùng A0", "Nội dung phản ánh số 0 của xã A về dịch vụ công, gửi lại.", "ITFB-A"));
        ok(act(dup, "merge", admin(), Map.of("into", a.get(0))));
        for (String code : List.of(a.get(0), a.get(1), b.get(0))) {
            ok(act(code, "classify", admin(), Map.of("category", "DIFFICULTY", "field", "DIGITAL_TRANSFORMATION")));
            ok(act(code, "assign", admin(), null));
            ok(act(code, "answer", admin(), Map.of("answer", "Đã giải quyết xong phản ánh này.")));
        }
        ok(act(a.get(0), "publish", admin(), null));
        ok(act(b.get(1), "reject", admin(), Map.of("reason", "Không thuộc phạm vi")));
        String today = LocalDate.now(VN).toString();
        JsonNode s = ok(get("/api/feedback/stats?orgUnit=ITFB&from=" + today + "&to=" + today, null));
        assertEquals(7, s.get("total").get("received").asInt());
        assertEquals(3, s.get("total").get("resolved").asInt());
        assertEquals(0.4286, s.get("total").get("rate").asDouble(), 1e-9);
        assertEquals(0, s.get("total").get("overdue").asInt());
        Map<String, JsonNode> rows = new HashMap<>();
        s.get("children").forEach(r -> rows.put(r.get("orgUnit").get("code").asText(), r));
        assertEquals(4, rows.get("ITFB-A").get("received").asInt());
        assertEquals(2, rows.get("ITFB-A").get("resolved").asInt());
        assertEquals(0.5, rows.get("ITFB-A").get("rate").asDouble(), 1e-9);
        assertEquals(3, rows.get("ITFB-B").get("received").asInt());
        assertEquals(1, rows.get("ITFB-B").get("resolved").asInt());
        assertEquals("sorted by received", "ITFB-A", s.get("children").get(0).get("orgUnit").get("code").asText());
        // 40 days on, the 3 open items (A2, A3, B2) are past their 20-day default deadline; the rejected one is not
        String later = LocalDate.now(VN).plusDays(40).toString();
        JsonNode l = ok(get("/api/feedback/stats?orgUnit=ITFB&from=" + today + "&to=" + today + "&asOf=" + later, null));
        assertEquals(3, l.get("total").get("overdue").asInt());
        assertEquals(2, ok(get("/api/feedback/stats?orgUnit=ITFB-A&from=" + today + "&to=" + today + "&asOf=" + later,
                null)).get("total").get("overdue").asInt());
        // drill-down and CSV
        Reply csv = get("/api/feedback/stats?orgUnit=ITFB&from=" + today + "&to=" + today + "&format=csv", null);
        assertTrue(csv.body(), csv.body().contains("\"ITFB-A\"") && csv.body().contains("\"4\",\"2\",\"0.5\""));
        assertEquals(400, get("/api/feedback/stats?orgUnit=ITFB&from=2026-13-01", null).status());
        // the same rate reaches the monitoring dashboards as an indicator
        String month = LocalDate.now(VN).toString().substring(0, 7).replace("-", "");
        JsonNode trend = ok(get("/api/monitoring/trend?indicator=FEEDBACK-RESOLUTION-RATE&orgUnit=ITFB&from=" + month
                + "&to=" + month, admin()));
        assertEquals(42.9, trend.get("points").get(0).get("value").asDouble(), 1e-9);
    }

    @Test
    public void i_theDemoDataReproducesHuesFiguresOf1July2025() throws Exception {
        JsonNode s = ok(get("/api/feedback/stats?orgUnit=HUE&from=2025-01-01&to=2025-06-30&asOf=2025-07-01", null));
        assertEquals(526, s.get("total").get("received").asInt());
        assertEquals(126, s.get("total").get("resolved").asInt());
        assertEquals(40, s.get("children").size());
        JsonNode top = s.get("children").get(0);
        assertEquals("HUE-QUANG-DIEN", top.get("orgUnit").get("code").asText());
        assertEquals(83, top.get("received").asInt());
        double best = 0;
        List<String> bestUnits = new ArrayList<>();
        for (JsonNode c : s.get("children")) {
            double rate = c.get("rate").asDouble();
            if (rate > best + 1e-9) {
                best = rate;
                bestUnits.clear();
            }
            if (Math.abs(rate - best) < 1e-9) {
                bestUnits.add(c.get("orgUnit").get("code").asText() + " " + c.get("resolved").asInt() + "/"
                        + c.get("received").asInt());
            }
        }
        bestUnits.sort(null);
        assertEquals(List.of("HUE-HUONG-AN 11/12", "HUE-PHONG-THAI 11/12"), bestUnits);
    }

    @Test
    public void j_overdueFeedbackRaisesWarningsThroughTheMonitoringEngine() throws Exception {
        JsonNode rules = ok(get("/api/warnings/rules", admin()));
        assertTrue(rules.toString(), rules.toString().contains("feedback-overdue"));
        ok(send("POST", "/api/warnings/run", admin(), Map.of()));
        JsonNode w = ok(get("/api/warnings?rule=feedback-overdue&status=OPEN&limit=5", admin()));
        assertTrue("the demo's recent items include overdue ones", w.get("total").asInt() > 0);
        assertEquals("FEEDBACK", w.get("items").get(0).get("subjectType").asText());
        long overdue = count("&overdue=true");
        assertEquals(overdue, w.get("total").asLong());
    }

    // ------------------------------------------------------------------ discussion

    @Test
    public void k_discussionSpacesAreForMembersWithThreadsMentionsAndModeration() throws Exception {
        String expert = createUser("fb.expert", "EXPERT", "VN");
        String expert2 = createUser("fb.expert2", "EXPERT", "VN");
        String stranger = createUser("fb.stranger", "EXPERT", "VN");
        assertEquals(403, get("/api/discussion/spaces/EXPERTS/topics", expert).status());
        assertEquals(403, send("PUT", "/api/discussion/spaces/EXPERTS/members/fb.expert", expert, Map.of()).status());
        ok(send("PUT", "/api/discussion/spaces/EXPERTS/members/fb.expert", admin(), Map.of("moderator", false)));
        ok(send("PUT", "/api/discussion/spaces/EXPERTS/members/fb.expert2", admin(), Map.of("moderator", true)));
        String item = get("/api/feedback/published?limit=1", null).json().get("items").get(0).get("publicId").asText();
        Reply badLink = send("POST", "/api/discussion/spaces/EXPERTS/topics", expert, Map.of("title", "Chủ đề có liên kết",
                "body", "Nội dung", "links", List.of(Map.of("type", "FEEDBACK", "key", "PA-0000000000"))));
        assertEquals(400, badLink.status());
        Reply created = send("POST", "/api/discussion/spaces/EXPERTS/topics", expert, Map.of("title",
                "Giải pháp nâng tỷ lệ giải quyết", "body", "Mời @fb.expert2 cho ý kiến.", "links", List.of(Map.of("type",
                        "FEEDBACK", "key", item), Map.of("type", "INDICATOR", "key", "FEEDBACK-RESOLUTION-RATE"))));
        assertEquals(created.toString(), 201, created.status());
        long topic = created.json().get("id").asLong();
        assertEquals(2, created.json().get("links").size());
        JsonNode n = ok(get("/api/discussion/notifications", expert2));
        assertEquals(1, n.get("unread").asInt());
        assertEquals("MENTION", n.get("items").get(0).get("kind").asText());
        Reply first = send("POST", "/api/discussion/topics/" + topic + "/comments", expert2, Map.of("body", "Đồng ý."));
        assertEquals(201, first.status());
        long firstId = first.json().get("id").asLong();
        Reply reply = send("POST", "/api/discussion/topics/" + topic + "/comments", expert, Map.of("body",
                "Nội dung khiếm nhã", "parentId", firstId));
        assertEquals(201, reply.status());
        long replyId = reply.json().get("id").asLong();
        assertEquals("REPLY", ok(get("/api/discussion/notifications", expert2)).get("items").get(0).get("kind").asText());
        ok(send("POST", "/api/discussion/notifications/read", expert2, Map.of()));
        assertEquals(0, ok(get("/api/discussion/notifications", expert2)).get("unread").asInt());
        JsonNode t = ok(get("/api/discussion/topics/" + topic, expert));
        assertEquals(1, t.get("comments").get(1).get("depth").asInt());
        assertEquals(firstId, t.get("comments").get(1).get("parentId").asLong());
        // moderation: a plain member may not, a space moderator may
        assertEquals(403, send("POST", "/api/discussion/comments/" + replyId + "/hide", expert, Map.of("reason", "x"))
                .status());
        assertEquals(400, send("POST", "/api/discussion/comments/" + replyId + "/hide", expert2, Map.of()).status());
        ok(send("POST", "/api/discussion/comments/" + replyId + "/hide", expert2, Map.of("reason", "Ngôn từ không phù hợp")));
        JsonNode seen = ok(get("/api/discussion/topics/" + topic, expert)).get("comments").get(1);
        assertTrue(seen.get("hidden").asBoolean());
        assertTrue("members no longer see a hidden comment's text", !seen.hasNonNull("body"));
        assertEquals("Ngôn từ không phù hợp", seen.get("hiddenReason").asText());
        assertEquals("Nội dung khiếm nhã", ok(get("/api/discussion/topics/" + topic, expert2)).get("comments").get(1)
                .get("body").asText());
        ok(send("POST", "/api/discussion/topics/" + topic + "/lock", expert2, Map.of("reason", "Đã đủ ý kiến")));
        Reply locked = send("POST", "/api/discussion/topics/" + topic + "/comments", expert, Map.of("body", "Thêm ý"));
        assertEquals(409, locked.status());
        assertEquals(403, get("/api/discussion/topics/" + topic, stranger).status());
        assertEquals(401, get("/api/discussion/spaces", null).status());
    }

    // ------------------------------------------------------------------ bad input and abuse

    @Test
    public void l_badInputIsRefusedClearlyAndNothingIsStored() throws Exception {
        long before = count("");
        Map<String, Reply> refusals = new HashMap<>();
        refusals.put("content", send("POST", "/api/feedback/items", admin(), item("Tiêu đề hợp lệ", "", "HUE")));
        refusals.put("content-long", send("POST", "/api/feedback/items", admin(), item("Tiêu đề hợp lệ",
                "x".repeat(8001), "HUE")));
        refusals.put("title", send("POST", "/api/feedback/items", admin(), item("", LONG_TEXT, "HUE")));
        refusals.put("orgUnit", send("POST", "/api/feedback/items", admin(), item("Tiêu đề hợp lệ", LONG_TEXT, "NOWHERE")));
        Map<String, Object> person = item("Tiêu đề hợp lệ", LONG_TEXT, "HUE");
        person.put("senderType", "PERSON");
        person.put("senderEmail", "not-an-email");
        refusals.put("senderName", send("POST", "/api/feedback/items", admin(), person));
        Map<String, Object> exe = item("Tiêu đề hợp lệ", LONG_TEXT, "HUE");
        exe.put("attachments", List.of(Map.of("name", "virus.exe", "data", Base64.getEncoder().encodeToString(new byte[] {
            'M', 'Z' }))));
        refusals.put("attachments[0].name", send("POST", "/api/feedback/items", admin(), exe));
        Map<String, Object> fake = item("Tiêu đề hợp lệ", LONG_TEXT, "HUE");
        fake.put("attachments", List.of(Map.of("name", "scan.pdf", "contentType", "application/pdf", "data",
                Base64.getEncoder().encodeToString("<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8)))));
        refusals.put("attachments[0]", send("POST", "/api/feedback/items", admin(), fake));
        Map<String, Object> notBase64 = item("Tiêu đề hợp lệ", LONG_TEXT, "HUE");
        notBase64.put("attachments", List.of(Map.of("name", "a.txt", "data", "%%%")));
        refusals.put("attachments[0].data", send("POST", "/api/feedback/items", admin(), notBase64));
        Map<String, Object> control = item("Tiêu đề hợp lệ", LONG_TEXT + "\u0000", "HUE");
        refusals.put("content-control", send("POST", "/api/feedback/items", admin(), control));
        for (Map.Entry<String, Reply> e : refusals.entrySet()) {
            Reply r = e.getValue();
            assertEquals(e.getKey() + ": " + r, 400, r.status());
            String field = e.getKey().replaceAll("-(long|control)$", "");
            boolean named = false;
            for (JsonNode d : r.json().get("details")) {
                named |= d.get("field").asText().equals(field);
            }
            assertTrue(e.getKey() + " names the field: " + r, named);
        }
        assertEquals(400, send("POST", "/api/feedback/items", admin(), "{\"title\": ").status());
        assertEquals(400, send("POST", "/api/feedback/items", admin(), "{\"unknown\": 1}").status());
        assertEquals("nothing was stored", before, count(""));
        // HTML is kept as typed and is only ever text: the JSON carries it verbatim, escaped by the serializer
        String code = submit(admin(), item("<b>Tiêu đề</b>", "<script>alert('x')</script> nội dung có thẻ HTML cần hiển thị an toàn.",
                "HUE"));
        JsonNode t = ok(get("/api/feedback/track/" + code, null));
        assertEquals("<script>alert('x')</script> nội dung có thẻ HTML cần hiển thị an toàn.", t.get("content").asText());
        assertEquals("application/json", get("/api/feedback/track/" + code, null).raw().headers()
                .firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    public void m_anonymousIntakeIsRateLimitedPerAddress() throws Exception {
        long before = count("");
        int accepted = 0;
        Reply limited = null;
        for (int i = 0; i < 15 && limited == null; i++) {
            Reply r = send("POST", "/api/feedback/items", null, item("Phản ánh " + i, LONG_TEXT + " Lần " + i, "HUE"));
            if (r.status() == 201) {
                accepted++;
            } else {
                limited = r;
            }
        }
        assertNotNull("15 anonymous submissions in a row hit the limit of 10 per minute", limited);
        assertEquals(limited.toString(), 429, limited.status());
        assertEquals("too_many_requests", limited.json().get("error").asText());
        assertTrue(Integer.parseInt(limited.raw().headers().firstValue("Retry-After").orElse("0")) >= 1);
        assertEquals("every accepted item is stored, the refused one is not", before + accepted, count(""));
        assertEquals("signed-in senders are not limited", 201, send("POST", "/api/feedback/items", admin(),
                item("Phản ánh có tài khoản", LONG_TEXT, "HUE")).status());
    }

    // ------------------------------------------------------------------ security (issue 14)

    /**
     * Issue 14 #2: the tracking code is the sender's secret. Open311 lists public ids, never a
     * tracking code; an unpublished item appears there as status only; the public id opens no
     * tracking view; the tracking code still opens the sender's own status view.
     */
    @Test
    public void o_open311AndTrackingNeverHandOutTrackingCodesOrUnpublishedText() throws Exception {
        String citizen = createUser("fb.sender", "CITIZEN", "VN");
        Map<String, Object> body = item("Ống nước trước nhà bị vỡ", "Tôi là Lê Thị Mật, điện thoại 0987 654 321, CCCD "
                + "046190001234, nhà ở số 12 đường Lê Lợi: ống nước vỡ từ hôm qua, nước tràn ra đường.", "HUE-PHU-XUAN");
        body.put("senderType", "PERSON");
        body.put("senderName", "Lê Thị Mật");
        body.put("senderEmail", "mat.le@example.vn");
        String code = submit(citizen, body);
        List<String> secrets = List.of(code, "Mật", "0987", "046190001234", "Lê Lợi", "mat.le", "Ống nước");
        for (String path : List.of("/api/open311/v2/requests.json", "/api/open311/v2/requests.xml",
                "/api/open311/v2/requests.json?status=open", "/api/feedback/published?limit=1000")) {
            Reply list = get(path, null);
            assertEquals(list.toString(), 200, list.status());
            assertFalse(path + " hands out tracking codes: " + list.body().substring(0, Math.min(300, list.body().length())),
                    TRACKING_CODE.matcher(list.body()).find());
            for (String secret : secrets) {
                assertFalse(path + " shows '" + secret + "'", list.body().contains(secret));
            }
        }
        String publicId = ok(get("/api/feedback/items/" + code, admin())).get("publicId").asText();
        assertFalse(publicId.isBlank() || publicId.equals(code));
        JsonNode listed = null;
        for (JsonNode r : get("/api/open311/v2/requests.json", null).json()) {
            if (r.get("service_request_id").asText().equals(publicId)) {
                listed = r;
            }
        }
        assertNotNull("the unpublished item is listed by its public id", listed);
        assertEquals("open", listed.get("status").asText());
        assertTrue("status only: " + listed, listed.path("description").isMissingNode() || listed.get("description").isNull());
        assertTrue("status only: " + listed, listed.path("address").isMissingNode() || listed.get("address").isNull());
        // the public id opens the same status-only entry, and no tracking view
        for (String path : List.of("/api/open311/v2/requests.json?service_request_id=" + publicId,
                "/api/open311/v2/requests/" + publicId + ".json")) {
            Reply one = get(path, null);
            assertEquals(one.toString(), 200, one.status());
            assertEquals(publicId, one.json().get(0).get("service_request_id").asText());
            for (String secret : secrets) {
                assertFalse(path + " shows '" + secret + "': " + one.body(), one.body().contains(secret));
            }
        }
        assertEquals(404, get("/api/feedback/track/" + publicId, null).status());
        // the sender's code shows the sender's status, with the personal data masked and no other item
        Reply track = get("/api/feedback/track/" + code, null);
        assertEquals("RECEIVED", ok(track).get("status").asText());
        assertEquals(publicId, track.json().get("publicId").asText());
        for (String secret : List.of("Mật", "0987", "046190001234", "mat.le")) {
            assertFalse("the tracking view shows '" + secret + "': " + track.body(), track.body().contains(secret));
        }
        Reply byCode = get("/api/open311/v2/requests.json?service_request_id=" + code, null);
        assertEquals(byCode.toString(), 200, byCode.status());
        assertEquals(publicId, byCode.json().get(0).get("service_request_id").asText());
        assertFalse("Open311 never shows unpublished text: " + byCode.body(), byCode.body().contains("Ống nước")
                || byCode.body().contains("0987") || byCode.body().contains(code));
        // SOAP follows the same rule
        String soapTrack = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:f=\"http://mekong.org/soap/feedback/1.0\"><soapenv:Body><f:trackFeedback><code>%s</code>"
                + "</f:trackFeedback></soapenv:Body></soapenv:Envelope>";
        Reply soapByPublicId = call("POST", "/soap/feedback-service", null, "text/xml; charset=UTF-8",
                String.format(soapTrack, publicId).getBytes(StandardCharsets.UTF_8));
        assertSoapFault(soapByPublicId, "Client", "not_found");
        Reply soapByCode = call("POST", "/soap/feedback-service", null, "text/xml; charset=UTF-8",
                String.format(soapTrack, code).getBytes(StandardCharsets.UTF_8));
        assertEquals(soapByCode.toString(), 200, soapByCode.status());
        assertTrue(soapByCode.body(), soapByCode.body().contains("<status>RECEIVED</status>")
                && !soapByCode.body().contains("0987"));
        Reply soapList = call("POST", "/soap/feedback-service", null, "text/xml; charset=UTF-8", ("<soapenv:Envelope "
                + "xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"http://mekong.org/soap/feedback/1.0\">"
                + "<soapenv:Body><f:listPublished><limit>1000</limit></f:listPublished></soapenv:Body></soapenv:Envelope>")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(soapList.toString(), 200, soapList.status());
        assertFalse("SOAP lists no tracking code", TRACKING_CODE.matcher(soapList.body()).find());
        // once published, Open311 shows its public (masked) text under the same public id
        ok(act(code, "classify", admin(), Map.of("category", "DIFFICULTY", "field", "OTHER")));
        ok(act(code, "assign", admin(), null));
        ok(act(code, "answer", admin(), Map.of("answer", "Công ty cấp nước đã sửa đường ống.")));
        ok(act(code, "publish", admin(), null));
        JsonNode published = get("/api/open311/v2/requests/" + publicId + ".json", null).json().get(0);
        assertEquals("closed", published.get("status").asText());
        assertTrue(published.toString(), published.get("description").asText().contains("ống nước vỡ"));
        for (String secret : List.of("Mật", "0987", "046190001234", "mat.le", code)) {
            assertFalse("published entry shows '" + secret + "': " + published, published.toString().contains(secret));
        }
    }

    /**
     * Issue 14 #10: the sender's own name, e-mail and phone in every spelling, and common Vietnamese
     * personal data (phone numbers, CCCD/CMND numbers, e-mails, street addresses) are masked in the
     * published title and content; the staff view keeps the original.
     */
    @Test
    public void p_publishedTextMasksEverySpellingOfTheSendersDataAndCommonPersonalData() throws Exception {
        String title = "Anh pham duc hung hỏi về số 0912.345.678";
        String content = "PHẠM ĐỨC HÙNG (Pham Duc Hung) ở số nhà 45 đường Trần Phú, gọi 84912345678 hoặc +84 912 345 678, "
                + "CCCD 079203001234, CMND 123456789, thư hung.pham@mail.vn hoặc pdh@example.vn: đề nghị sửa cầu.";
        Map<String, Object> body = item(title, content, "HUE-THUY-XUAN");
        body.put("senderType", "PERSON");
        body.put("senderName", "Phạm Đức Hùng");
        body.put("senderEmail", "pdh@example.vn");
        body.put("senderPhone", "0912 345 678");
        body.put("organisation", "Hộ kinh doanh Hùng Phát");
        String code = submit(clerk(), body);
        ok(act(code, "classify", admin(), Map.of("category", "DIFFICULTY", "field", "OTHER")));
        ok(act(code, "assign", admin(), null));
        ok(act(code, "answer", admin(), Map.of("answer", "Xã đã sửa cầu trong tuần.")));
        ok(act(code, "publish", admin(), null));
        JsonNode staff = ok(get("/api/feedback/items/" + code, admin()));
        assertEquals("staff keep the original", content, staff.get("content").asText());
        assertEquals(title, staff.get("title").asText());
        Reply published = get("/api/feedback/published/" + staff.get("publicId").asText(), null);
        JsonNode p = ok(published);
        String text = p.get("title").asText() + "\n" + p.get("content").asText();
        for (String secret : List.of("pham duc hung", "Pham Duc Hung", "PHẠM ĐỨC HÙNG", "0912.345.678", "84912345678",
                "912 345 678", "079203001234", "123456789", "hung.pham@", "pdh@", "45 đường Trần Phú", "Hùng Phát")) {
            assertFalse("'" + secret + "' is published: " + text, text.contains(secret));
        }
        for (String mask : List.of("[name]", "[phone]", "[ID number]", "[e-mail]", "[address]")) {
            assertTrue(mask + " in " + text, text.contains(mask));
        }
        assertTrue("the title is masked too: " + p.get("title"), p.get("title").asText().contains("[name]")
                && p.get("title").asText().contains("[phone]"));
        JsonNode found = ok(get("/api/feedback/published?q=pham%20duc%20hung&limit=100", null));
        found.get("items").forEach(i -> assertFalse("the masked name is no search key", i.get("publicId").asText()
                .equals(staff.get("publicId").asText())));
    }

    /** Issue 14 #15: the duplicates of an item leave out items outside the caller's units. */
    @Test
    public void q_duplicatesLeaveOutItemsOutsideTheCallersUnits() throws Exception {
        String mod = createUser("fb.mod.hanoi", "MODERATOR", "HA-NOI");
        String text = "Đèn chiếu sáng công cộng trên tuyến đường liên xã bị hỏng nhiều tháng nay, người dân đi lại ban đêm "
                + "rất nguy hiểm.";
        String hue = submit(clerk(), item("Đèn đường hỏng ở Huế", text, "HUE-PHU-XUAN"));
        String hanoi = submit(clerk(), item("Đèn đường hỏng ở Hà Nội", text + " Đề nghị sửa sớm.", "HA-NOI"));
        String hanoi2 = submit(clerk(), item("Đèn đường lại hỏng", text + " Vẫn chưa sửa.", "HA-NOI"));
        List<String> national = new ArrayList<>();
        ok(get("/api/feedback/items/" + hanoi, admin())).get("duplicates").forEach(d -> national.add(d.get("code").asText()));
        assertTrue("national staff are proposed the Hue item: " + national, national.contains(hue));
        Reply scoped = get("/api/feedback/items/" + hanoi, mod);
        List<String> seen = new ArrayList<>();
        ok(scoped).get("duplicates").forEach(d -> seen.add(d.get("code").asText()));
        assertTrue("an item in the caller's units is still proposed: " + seen, seen.contains(hanoi2));
        assertFalse("a Ha Noi moderator sees no Hue item: " + seen, seen.contains(hue));
        assertFalse(scoped.body(), scoped.body().contains("Huế"));
        for (String d : seen) {
            assertEquals("every proposed duplicate is one the caller may open", 200, get("/api/feedback/items/" + d, mod)
                    .status());
        }
        // merged items of another province are not named to the Ha Noi moderator either
        ok(act(hue, "merge", admin(), Map.of("into", hanoi)));
        assertTrue(ok(get("/api/feedback/items/" + hanoi, admin())).get("merged").toString().contains(hue));
        Reply merged = get("/api/feedback/items/" + hanoi, mod);
        assertFalse(merged.body(), ok(merged).get("merged").toString().contains(hue) || merged.body().contains(hue));
    }

    /** Issue 14 #16: a huge search is a 400 naming q, never a 500. */
    @Test
    public void r_aHugeSearchIsA400NamingQ() throws Exception {
        String words = String.join("+", java.util.Collections.nCopies(1500, "ab"));
        for (String path : List.of("/api/feedback/published?q=" + words, "/api/feedback/published?q=" + "x".repeat(201),
                "/api/feedback/items?q=" + "x".repeat(201))) {
            Reply r = get(path, admin());
            assertEquals(path.substring(0, 40) + ": " + r, 400, r.status());
            assertEquals("q", r.json().get("details").get(0).get("field").asText());
        }
        assertEquals(200, get("/api/feedback/published?q=chuyen%20doi%20so", null).status());
    }

    /**
     * Issue 14 #17: one intake limiter, keyed by the account when signed in, else by the client
     * address in a normal form (::1 is 127.0.0.1); X-Forwarded-For only from configured proxies;
     * 429 with Retry-After and RateLimit-* headers, on REST and Open311. Staff are not limited.
     */
    @Test
    public void s_theIntakeLimiterKeysByAccountOrNormalisedAddressAndSaysItsLimits() throws Exception {
        long before = count("");
        int accepted = 0;
        Reply limited = null;
        for (int i = 0; i < 15 && limited == null; i++) {
            Reply r = postItem("127.0.0.1", null, item("Phản ánh qua IPv4 " + i, LONG_TEXT, "HUE"), Map.of());
            if (r.status() == 201) {
                accepted++;
            } else {
                limited = r;
            }
        }
        assertNotNull("127.0.0.1 is limited", limited);
        assertEquals(limited.toString(), 429, limited.status());
        java.net.http.HttpHeaders h = limited.raw().headers();
        assertTrue(h.map().toString(), Integer.parseInt(h.firstValue("Retry-After").orElse("0")) >= 1);
        assertEquals(h.map().toString(), "10", h.firstValue("RateLimit-Limit").orElse(null));
        assertEquals("0", h.firstValue("RateLimit-Remaining").orElse(null));
        assertTrue(Integer.parseInt(h.firstValue("RateLimit-Reset").orElse("0")) >= 1);
        Reply v6;
        try {
            v6 = postItem("[::1]", null, item("Phản ánh qua IPv6", LONG_TEXT, "HUE"), Map.of());
        } catch (java.net.ConnectException noIpv6) {
            v6 = null;
            System.out.println("FeedbackIT: the server does not listen on ::1; the IPv6 loopback case is covered by "
                    + "IntakeLimiterTest");
        }
        if (v6 != null) {
            if (v6.status() == 201) {
                accepted++;
            }
            assertEquals("::1 is the same client as 127.0.0.1: " + v6, 429, v6.status());
        }
        Reply open311 = at("127.0.0.1", "POST", "/api/open311/v2/requests.json", null, "application/x-www-form-urlencoded",
                ("service_code=OTHER&attribute%5Borg_unit%5D=HUE&description=" + java.net.URLEncoder.encode(LONG_TEXT,
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), Map.of());
        if (open311.status() == 201) {
            accepted++;
        }
        assertEquals("Open311 goes through the same limiter: " + open311, 429, open311.status());
        assertEquals("10", open311.raw().headers().firstValue("RateLimit-Limit").orElse(null));
        Reply spoofed = postItem("127.0.0.1", null, item("Phản ánh giả địa chỉ", LONG_TEXT, "HUE"),
                Map.of("X-Forwarded-For", "203.0.113.7"));
        if (spoofed.status() == 201) {
            accepted++;
        }
        assertEquals("X-Forwarded-For is not believed by default: " + spoofed, 429, spoofed.status());
        // a signed-in citizen is limited by account
        String flood = createUser("fb.flood", "CITIZEN", "VN");
        Reply citizenLimited = null;
        for (int i = 0; i < 15 && citizenLimited == null; i++) {
            Reply r = send("POST", "/api/feedback/items", flood, item("Phản ánh có tài khoản " + i, LONG_TEXT, "HUE"));
            if (r.status() == 201) {
                accepted++;
            } else {
                citizenLimited = r;
            }
        }
        assertNotNull("a signed-in citizen is limited too", citizenLimited);
        assertEquals(citizenLimited.toString(), 429, citizenLimited.status());
        assertEquals("10", citizenLimited.raw().headers().firstValue("RateLimit-Limit").orElse(null));
        assertEquals("every accepted item is stored, no refused one", before + accepted, count(""));
        assertEquals("staff accounts are not limited", 201, send("POST", "/api/feedback/items", clerk(),
                item("Phản ánh do cán bộ nhập", LONG_TEXT, "HUE")).status());
        // behind a configured proxy, the forwarded address is the client
        feedbackConfig("intake.trusted.proxies", "127.0.0.1, ::1");
        try {
            eventually("a client behind a trusted proxy has its own quota", Duration.ofSeconds(30),
                    () -> postItem("127.0.0.1", null, item("Phản ánh qua proxy", LONG_TEXT, "HUE"),
                            Map.of("X-Forwarded-For", "198.51.100.23")).status() == 201);
            assertEquals(201, postItem("127.0.0.1", null, item("Phản ánh qua proxy khác", LONG_TEXT, "HUE"),
                    Map.of("X-Forwarded-For", "198.51.100.99, 127.0.0.1")).status());
        } finally {
            feedbackConfig("intake.trusted.proxies", null);
        }
    }

    /** Issue 14 #6: the account that submitted an item may not answer or publish it (four eyes). */
    @Test
    public void t_theAuthorOfAnItemMayNotAnswerOrPublishIt() throws Exception {
        String mod = createUser("fb.mod.author", "MODERATOR", "HUE");
        String code = submit(mod, item("Cán bộ tự phản ánh", "Nội dung phản ánh do chính cán bộ tiếp nhận gửi vào hệ thống.",
                "HUE-PHU-XUAN"));
        ok(act(code, "classify", mod, Map.of("category", "DIFFICULTY", "field", "OTHER")));
        ok(act(code, "assign", mod, Map.of("unit", "HUE")));
        Reply answer = act(code, "answer", mod, Map.of("answer", "Tự trả lời phản ánh của chính mình."));
        assertEquals(answer.toString(), 403, answer.status());
        assertTrue(answer.toString(), answer.json().get("message").asText().contains("fb.mod.author")
                && answer.json().get("message").asText().contains("submitted"));
        JsonNode unchanged = ok(get("/api/feedback/items/" + code, admin()));
        assertEquals("ASSIGNED", unchanged.get("status").asText());
        assertFalse(unchanged.toString(), unchanged.hasNonNull("answer"));
        ok(act(code, "answer", admin(), Map.of("answer", "Đơn vị đã xử lý phản ánh này.")));
        Reply publish = act(code, "publish", mod, null);
        assertEquals(publish.toString(), 403, publish.status());
        JsonNode still = ok(get("/api/feedback/items/" + code, admin()));
        assertEquals("ANSWERED", still.get("status").asText());
        assertFalse(still.toString(), still.hasNonNull("publishedAt"));
        assertEquals(404, get("/api/feedback/published/" + still.get("publicId").asText(), null).status());
        assertEquals("PUBLISHED", ok(act(code, "publish", admin(), null)).get("status").asText());
    }

    /**
     * Issue 14 #20: Open311 links come from the server's public.url, never from the Host header; a
     * request naming a foreign host is refused before anything answers it.
     */
    @Test
    public void u_open311LinksUseTheConfiguredPublicUrlNotTheHostHeader() throws Exception {
        String local = "localhost:" + port();
        config("org.mekong.web.security", "public.url", "https://phananh.example.gov.vn/");
        try {
            eventually("discovery names the configured address", Duration.ofSeconds(30), () -> {
                Reply r = raw("GET", "/api/open311/v2/discovery.json", local, null, null);
                return r.status() == 200 && r.json().get("endpoints").get(0).get("url").asText()
                        .equals("https://phananh.example.gov.vn/api/open311/v2/");
            });
            for (String path : List.of("/api/open311/v2/discovery.json", "/api/open311/v2/discovery.xml",
                    "/api/open311/v2/services.json", "/api/open311/v2/requests.json?status=closed")) {
                Reply foreign = raw("GET", path, "evil.example", null, null);
                assertEquals(path + ": " + foreign, 400, foreign.status());
                assertFalse(path + ": " + foreign.body(), foreign.body().contains("evil.example/"));
                Reply r = raw("GET", path, local, null, null);
                assertEquals(path + ": " + r, 200, r.status());
                assertFalse(path + ": " + r.body(), r.body().contains(local));
            }
            Reply refused = raw("POST", "/api/open311/v2/requests.json", "evil.example",
                    "application/x-www-form-urlencoded", "service_code=OTHER".getBytes(StandardCharsets.UTF_8));
            assertEquals(refused.toString(), 400, refused.status());
            Reply created = raw("POST", "/api/open311/v2/requests.json", local,
                    "application/x-www-form-urlencoded", ("service_code=OTHER&attribute%5Borg_unit%5D=HUE&description="
                            + java.net.URLEncoder.encode(LONG_TEXT, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            assertEquals(created.toString(), 201, created.status());
            assertTrue(created.body(), created.body().contains("https://phananh.example.gov.vn/feedback/track.html"));
        } finally {
            config("org.mekong.web.security", "public.url", null);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Hue's plugin computes its commune centres' resolution rate from this plugin's data: a new Hue
     * commune with 4 items this year, 1 answered and 1 rejected, has 1 resolved of 4 = 25.0 %, on the
     * widget's endpoint and as an indicator on the dashboards; a unit outside Hue gets no value.
     */
    @Test
    public void n_huesCentreRateIsComputedFromThisPluginsData() throws Exception {
        // without refreshing unrelated bundles, as /api/plugins installs plugins
        features.installFeature("mekong-province-hue", java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        awaitStatus("/api/hue", 200, Duration.ofSeconds(60));
        awaitStatus("/api/indicators/HUE-CENTRE-RESOLUTION-RATE", 200, Duration.ofSeconds(30));
        unit("HUE-ITC", "COMMUNE", "HUE");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(submit(clerk(), item("Trung tâm phục vụ " + i, "Nội dung phản ánh số " + i
                    + " về thủ tục tại trung tâm phục vụ hành chính công xã.", "HUE-ITC")));
        }
        ok(act(codes.get(0), "classify", admin(), Map.of("category", "DIFFICULTY", "field", "DIGITAL_TRANSFORMATION")));
        ok(act(codes.get(0), "assign", admin(), null));
        ok(act(codes.get(0), "answer", admin(), Map.of("answer", "Đã giải quyết xong phản ánh này.")));
        ok(act(codes.get(1), "reject", admin(), Map.of("reason", "Không thuộc phạm vi")));

        int year = LocalDate.now(VN).getYear();
        JsonNode widget = ok(get("/api/hue/centres?year=" + year, null));
        assertTrue(widget.toString(), widget.get("feedbackPresent").asBoolean());
        JsonNode centre = null;
        for (JsonNode c : widget.get("centres")) {
            if ("HUE-ITC".equals(c.get("code").asText())) {
                centre = c;
            }
        }
        assertTrue(widget.toString(), centre != null);
        assertEquals(25.0, centre.get("rate").asDouble(), 1e-9);
        String month = LocalDate.now(VN).toString().substring(0, 7).replace("-", "");
        JsonNode trend = ok(get("/api/monitoring/trend?indicator=HUE-CENTRE-RESOLUTION-RATE&orgUnit=HUE-ITC&from=" + month
                + "&to=" + month, admin()));
        assertEquals(trend.toString(), 25.0, trend.get("points").get(0).get("value").asDouble(), 1e-9);
        JsonNode outside = ok(get("/api/monitoring/trend?indicator=HUE-CENTRE-RESOLUTION-RATE&orgUnit=ITFB-A&from="
                + month + "&to=" + month, admin()));
        assertTrue("no Hue rate outside Hue: " + outside, outside.get("points").size() == 0
                || !outside.get("points").get(0).hasNonNull("value"));

        features.uninstallFeature("mekong-province-hue", java.util.EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        awaitStatus("/api/hue", 404, Duration.ofSeconds(60));
        Thread.sleep(STABLE_MILLIS);
    }

    /** An Open311 GET with an Accept header. */
    private static Reply accepting(String path, String accept) throws Exception {
        return at("127.0.0.1", "GET", path, null, null, null, Map.of("Accept", accept));
    }

    /** An anonymous Open311 POST, waiting out the intake limit that earlier tests may have used up. */
    private static Reply open311Post(String path, String form, Map<String, String> headers) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Reply r = at("127.0.0.1", "POST", path, null, "application/x-www-form-urlencoded",
                    form.getBytes(StandardCharsets.UTF_8), headers);
            if (r.status() != 429 || System.nanoTime() > until) {
                return r;
            }
            Thread.sleep(3000);
        }
    }

    /**
     * Issue 17 #4: every error under /api/open311/v2 is a GeoReport error list with the right
     * status, also those raised before the resource (no such path, method, media type, Accept).
     */
    @Test
    public void v_open311ErrorsAreGeoReportErrorListsWhoeverRaisesThem() throws Exception {
        Reply noPath = get("/api/open311/v2/no-such-thing.json", null);
        assertEquals(noPath.toString(), 404, noPath.status());
        assertEquals(noPath.body(), 404, noPath.json().get(0).get("code").asInt());
        assertTrue(noPath.body(), noPath.json().get(0).hasNonNull("description"));
        Reply noPathXml = get("/api/open311/v2/no-such-thing.xml", null);
        assertEquals(404, noPathXml.status());
        assertTrue(noPathXml.body(), noPathXml.body().contains("<errors><error><code>404</code><description>"));
        assertTrue(noPathXml.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        Reply byAccept = accepting("/api/open311/v2/no-such-thing", "text/xml");
        assertEquals(404, byAccept.status());
        assertTrue(byAccept.body(), byAccept.body().contains("<errors><error><code>404</code>"));
        Reply noService = get("/api/open311/v2/services/NO_SUCH.xml", null);
        assertEquals(404, noService.status());
        assertTrue(noService.body(), noService.body().contains("<errors><error><code>404</code>"));
        Reply wrongType = call("POST", "/api/open311/v2/requests.json", null, "application/json",
                "{\"service_code\":\"OTHER\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(wrongType.toString(), 415, wrongType.status());
        assertEquals(wrongType.body(), 415, wrongType.json().get(0).get("code").asInt());
        Reply wrongMethod = call("DELETE", "/api/open311/v2/services.xml", null, null, null);
        assertEquals(wrongMethod.toString(), 405, wrongMethod.status());
        assertTrue(wrongMethod.body(), wrongMethod.body().contains("<errors><error><code>405</code>"));
        Reply notAcceptable = accepting("/api/open311/v2/services", "image/png");
        assertEquals(notAcceptable.toString(), 406, notAcceptable.status());
        assertEquals(notAcceptable.body(), 406, notAcceptable.json().get(0).get("code").asInt());
        Reply badDate = get("/api/open311/v2/requests.json?start_date=yesterday", null);
        assertEquals(400, badDate.status());
        assertTrue(badDate.body(), badDate.json().get(0).get("description").asText().contains("start_date"));
        Reply invalid = call("POST", "/api/open311/v2/requests.json", admin(), "application/x-www-form-urlencoded",
                "service_code=OTHER&attribute%5Borg_unit%5D=HUE&description=ngan".getBytes(StandardCharsets.UTF_8));
        assertEquals(invalid.toString(), 400, invalid.status());
        assertEquals(invalid.body(), 400, invalid.json().get(0).get("code").asInt());
        assertFalse("no core error body: " + invalid.body(), invalid.body().contains("\"error\""));
        // the rest of the API keeps the core error body
        Reply core = get("/api/feedback/no-such-thing", null);
        assertEquals(404, core.status());
        assertEquals("not_found", core.json().get("error").asText());
    }

    /** Issue 17 #4: every Open311 answer in XML, by the .xml extension or by Accept: text/xml or application/xml. */
    @Test
    public void w_open311SpeaksXmlByExtensionOrAcceptHeader() throws Exception {
        Reply discovery = get("/api/open311/v2/discovery.xml", null);
        assertEquals(200, discovery.status());
        assertTrue(discovery.body(), discovery.body().contains("<discovery><changeset>")
                && discovery.body().contains("<endpoints><endpoint><specification>")
                && discovery.body().contains("<formats><format>application/json</format><format>text/xml</format>"));
        for (String accept : List.of("text/xml", "application/xml")) {
            Reply services = accepting("/api/open311/v2/services", accept);
            assertEquals(services.toString(), 200, services.status());
            assertTrue(services.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
            assertTrue(services.body(), services.body().contains("<services><service><service_code>DIFFICULTY"));
            Reply definition = accepting("/api/open311/v2/services/ADMIN_PROCEDURE", accept);
            assertEquals(definition.toString(), 200, definition.status());
            assertTrue(definition.body(), definition.body().contains("<service_definition><service_code>ADMIN_PROCEDURE"
                    + "</service_code><attributes><attribute><variable>true</variable>"));
            Reply discoveryByAccept = accepting("/api/open311/v2/discovery", accept);
            assertTrue(discoveryByAccept.body(), discoveryByAccept.body().contains("<discovery>"));
        }
        // the extension wins over Accept, and JSON stays the default
        assertEquals("DIFFICULTY", get("/api/open311/v2/services", null).json().get(0).get("service_code").asText());
        Reply jsonByExtension = accepting("/api/open311/v2/services.json", "text/xml");
        assertEquals(jsonByExtension.toString(), 200, jsonByExtension.status());
        assertEquals("DIFFICULTY", jsonByExtension.json().get(0).get("service_code").asText());
        assertEquals("DIFFICULTY", accepting("/api/open311/v2/services", "application/json").json().get(0)
                .get("service_code").asText());
        // POST and GET requests
        Reply created = at("127.0.0.1", "POST", "/api/open311/v2/requests", admin(), "application/x-www-form-urlencoded",
                ("service_code=INITIATIVE&attribute%5Borg_unit%5D=HUE-PHU-XUAN&description=" + java.net.URLEncoder.encode(
                        "Đề xuất mở thêm điểm phát wifi miễn phí tại các nhà văn hóa khu dân cư.", StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8), Map.of("Accept", "text/xml"));
        assertEquals(created.toString(), 201, created.status());
        java.util.regex.Matcher id = java.util.regex.Pattern.compile(
                "<service_requests><request><service_request_id>(FB-[0-9]+)</service_request_id><service_notice>")
                .matcher(created.body());
        assertTrue(created.body(), id.find());
        String publicId = id.group(1);
        for (Reply one : List.of(accepting("/api/open311/v2/requests/" + publicId, "text/xml"),
                get("/api/open311/v2/requests/" + publicId + ".xml", null),
                get("/api/open311/v2/requests.xml?service_request_id=" + publicId, null),
                accepting("/api/open311/v2/requests?service_code=INITIATIVE", "application/xml"))) {
            assertEquals(one.toString(), 200, one.status());
            assertTrue(one.body(), one.body().contains("<service_requests><request>")
                    && one.body().contains("<service_request_id>" + publicId + "</service_request_id>"));
        }
        assertEquals(publicId, get("/api/open311/v2/requests/" + publicId, null).json().get(0)
                .get("service_request_id").asText());
    }

    /**
     * Issue 17 #4: comma-separated service_code and status, jurisdiction_id accepted; a published
     * request shows lat, long and its (masked) address, an unpublished one none of them.
     */
    @Test
    public void x_open311FiltersByListsAndShowsWherePublishedRequestsAre() throws Exception {
        String form = "service_code=POLICY_PROPOSAL&attribute%5Borg_unit%5D=HUE-PHU-XUAN&jurisdiction_id=HUE"
                + "&lat=16.4701&long=107.5802&address_string="
                + java.net.URLEncoder.encode("số nhà 27 đường Nguyễn Huệ, phường Phú Nhuận", StandardCharsets.UTF_8)
                + "&description=" + java.net.URLEncoder.encode(
                        "Đề nghị bố trí thêm thùng rác phân loại dọc tuyến phố đi bộ ven sông.", StandardCharsets.UTF_8);
        Reply created = open311Post("/api/open311/v2/requests.json", form, Map.of());
        assertEquals(created.toString(), 201, created.status());
        String publicId = created.json().get(0).get("service_request_id").asText();
        java.util.regex.Matcher code = TRACKING_CODE.matcher(created.json().get(0).get("service_notice").asText());
        assertTrue(code.find());
        Reply other = call("POST", "/api/open311/v2/requests.json", admin(), "application/x-www-form-urlencoded",
                ("service_code=ADMIN_PROCEDURE&attribute%5Borg_unit%5D=HUE&description=" + java.net.URLEncoder.encode(
                        "Thời gian chờ cấp bản sao giấy khai sinh tại bộ phận một cửa còn quá lâu.", StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(other.toString(), 201, other.status());
        String otherId = other.json().get(0).get("service_request_id").asText();

        java.util.function.Function<String, List<String>> ids = path -> {
            try {
                Reply r = get(path, null);
                assertEquals(r.toString(), 200, r.status());
                List<String> out = new java.util.ArrayList<>();
                r.json().forEach(n -> out.add(n.get("service_request_id").asText()));
                return out;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        List<String> both = ids.apply("/api/open311/v2/requests.json?service_code=POLICY_PROPOSAL,%20ADMIN_PROCEDURE"
                + "&jurisdiction_id=HUE");
        assertTrue(both.toString(), both.contains(publicId) && both.contains(otherId));
        List<String> one = ids.apply("/api/open311/v2/requests.json?service_code=ADMIN_PROCEDURE");
        assertTrue(one.contains(otherId) && !one.contains(publicId));
        assertTrue(ids.apply("/api/open311/v2/requests.json?status=open,closed&service_code=POLICY_PROPOSAL")
                .contains(publicId));
        assertFalse(ids.apply("/api/open311/v2/requests.json?status=closed&service_code=POLICY_PROPOSAL")
                .contains(publicId));
        Reply badStatus = get("/api/open311/v2/requests.json?status=open,pending", null);
        assertEquals(400, badStatus.status());
        assertTrue(badStatus.body(), badStatus.json().get(0).get("description").asText().contains("status"));
        Reply badCode = get("/api/open311/v2/requests.json?service_code=ADMIN_PROCEDURE,NO_SUCH", null);
        assertEquals(400, badCode.status());
        assertTrue(badCode.body(), badCode.json().get(0).get("description").asText().contains("service_code"));
        assertEquals(200, get("/api/open311/v2/services.json?jurisdiction_id=HUE", null).status());
        assertEquals(200, get("/api/open311/v2/services/OTHER.json?jurisdiction_id=HUE", null).status());

        // stored as given; unpublished, Open311 shows none of it
        JsonNode full = ok(get("/api/feedback/items/" + publicId, admin()));
        assertEquals(16.4701, full.get("lat").asDouble(), 1e-9);
        JsonNode unpublished = get("/api/open311/v2/requests/" + publicId + ".json", null).json().get(0);
        for (String field : List.of("lat", "long", "address", "description")) {
            assertFalse(unpublished.toString(), unpublished.has(field));
        }
        ok(act(code.group(), "classify", admin(), Map.of("category", "POLICY_PROPOSAL", "field", "OTHER")));
        ok(act(code.group(), "assign", admin(), null));
        ok(act(code.group(), "answer", admin(), Map.of("answer", "Đã bố trí 20 thùng rác phân loại.")));
        ok(act(code.group(), "publish", admin(), null));
        JsonNode published = get("/api/open311/v2/requests/" + publicId + ".json", null).json().get(0);
        assertEquals(published.toString(), 16.4701, published.get("lat").asDouble(), 1e-9);
        assertEquals(107.5802, published.get("long").asDouble(), 1e-9);
        String address = published.get("address").asText();
        assertTrue(address, address.contains("Phú Nhuận") && !address.contains("27"));
        Reply xml = get("/api/open311/v2/requests.xml?service_request_id=" + publicId, null);
        assertTrue(xml.body(), xml.body().contains("<lat>16.4701</lat><long>107.5802</long>"));
    }

    /** Issue 17 #4: media_url is an http(s) URL of bounded length, stored, and shown once the request is published. */
    @Test
    public void y_open311KeepsAMediaUrlAndShowsItOnlyOncePublished() throws Exception {
        String base = "service_code=DIFFICULTY&attribute%5Borg_unit%5D=HUE-PHU-XUAN&description="
                + java.net.URLEncoder.encode("Đèn chiếu sáng công cộng trên cầu Trường Tiền bị hỏng nhiều ngày.",
                        StandardCharsets.UTF_8);
        long before = count("");
        for (String bad : List.of("javascript:alert(1)", "ftp://example.org/a.jpg", "https:///no-host.jpg",
                "https://example.org/" + "a".repeat(1000))) {
            Reply refused = call("POST", "/api/open311/v2/requests.json", admin(), "application/x-www-form-urlencoded",
                    (base + "&media_url=" + java.net.URLEncoder.encode(bad, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
            assertEquals(bad + ": " + refused, 400, refused.status());
            assertTrue(refused.body(), refused.json().get(0).get("description").asText().contains("media_url"));
        }
        assertEquals("a refused request stores nothing", before, count(""));
        String media = "https://anh.example.vn/phan-anh/den-cau-truong-tien.jpg?size=large";
        Reply created = open311Post("/api/open311/v2/requests.json",
                base + "&media_url=" + java.net.URLEncoder.encode(media, StandardCharsets.UTF_8), Map.of());
        assertEquals(created.toString(), 201, created.status());
        String publicId = created.json().get(0).get("service_request_id").asText();
        java.util.regex.Matcher code = TRACKING_CODE.matcher(created.json().get(0).get("service_notice").asText());
        assertTrue(code.find());
        JsonNode unpublished = get("/api/open311/v2/requests/" + publicId + ".json", null).json().get(0);
        assertFalse(unpublished.toString(), unpublished.has("media_url"));
        ok(act(code.group(), "classify", admin(), Map.of("category", "DIFFICULTY", "field", "OTHER")));
        ok(act(code.group(), "assign", admin(), null));
        ok(act(code.group(), "answer", admin(), Map.of("answer", "Điện lực đã thay bóng đèn trên cầu.")));
        ok(act(code.group(), "publish", admin(), null));
        JsonNode published = get("/api/open311/v2/requests/" + publicId + ".json", null).json().get(0);
        assertEquals(published.toString(), media, published.get("media_url").asText());
        Reply xml = get("/api/open311/v2/requests/" + publicId + ".xml", null);
        assertTrue(xml.body(), xml.body().contains("<media_url>" + media.replace("&", "&amp;") + "</media_url>"));
    }

    @Test
    public void z_pluginUninstallsAndReinstallsLiveKeepingItsData() throws Exception {
        String code = submit(admin(), item("Trước khi gỡ", LONG_TEXT, "HUE"));
        assertTrue(get("/api/ui/contributions", null).body().contains("feedback.submit"));
        features.uninstallFeature("mekong-feedback");
        awaitStatus("/api/feedback/options", 404, Duration.ofSeconds(60));
        assertFalse(get("/api/ui/contributions", null).body().contains("feedback.submit"));
        assertEquals(404, get("/api/open311/v2/services.json", null).status());
        assertEquals(404, get("/feedback/submit.html", null).status());
        assertFalse(get("/api/openapi.json", null).body().contains("/feedback/items"));
        assertEquals(404, get("/api/indicators/FEEDBACK-RESOLUTION-RATE", admin()).status());
        assertFalse(get("/api/warnings/rules", admin()).body().contains("feedback-overdue"));
        awaitStatus("/soap/feedback-service?wsdl", 404, Duration.ofSeconds(30));
        assertEquals("the core keeps answering", 200, get("/api/indicators", admin()).status());

        features.installFeature("mekong-feedback");
        awaitStatus("/api/feedback/track/" + code, 200, Duration.ofSeconds(60));
        assertEquals("the data survived", "RECEIVED", get("/api/feedback/track/" + code, null).json().get("status").asText());
        awaitStatus("/soap/feedback-service?wsdl", 200, Duration.ofSeconds(30));
        eventually("feedback menu entry back", Duration.ofSeconds(30), () -> get("/api/ui/contributions", null).body().contains("feedback.submit"));
        awaitStatus("/api/indicators/FEEDBACK-RESOLUTION-RATE", 200, Duration.ofSeconds(30));
    }
}

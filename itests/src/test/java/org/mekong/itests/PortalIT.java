package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.xml.parsers.DocumentBuilderFactory;

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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The portal plugin through real HTTP on the real distribution (with the monitoring and feedback
 * plugins and all demo data): the editorial workflow and its role checks, that unpublished content
 * never appears on public pages, in search or in feeds, scheduled publication, search with and
 * without Vietnamese diacritics, RSS and Atom as valid XML, sanitising of hostile HTML, files,
 * revisions, the home page's live figures following the installed plugins, and live uninstall
 * and reinstall with the shell's menu and the site root following.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class PortalIT extends MekongTestSupport {
    private static final String NS_ATOM = "http://www.w3.org/2005/Atom";

    @Inject
    @Filter(timeout = 120_000)
    private FeaturesService features;

    @Configuration
    public Option[] config() {
        return distribution(freePort(), true);
    }

    private static volatile boolean ready;
    private static String editor;
    private static String reviewer;
    private static String reporter;

    @org.junit.Before
    public void awaitPortal() throws Exception {
        if (ready) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Reply r = get("/api/portal/home", null);
            String api = get("/api/openapi.json", null).body();
            if (r.status() == 200 && r.body().startsWith("{") && r.json().path("articles").size() > 0
                    && r.json().path("figures").size() >= 2 && api.contains("/portal/manage/items")
                    && api.contains("/feedback/items") && api.contains("/monitoring/overview")
                    && get("/soap/feedback-service?wsdl", null).status() == 200) {
                // every plugin's resources are in: wait until the JAX-RS whiteboard has stopped rebuilding
                Thread.sleep(2000);
                if (api.length() == get("/api/openapi.json", null).body().length()) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The portal and its demo content did not come up within 120 s: " + r);
            }
            Thread.sleep(250);
        }
        editor = createUser("pt-editor", "EDITOR", "VN");
        reviewer = createUser("pt-reviewer", "REVIEWER", "VN");
        reporter = createUser("pt-reporter", "REPORTER", "VN");
        ready = true;
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Object> article(String titleVi, String bodyVi) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "ARTICLE");
        m.put("titleVi", titleVi);
        m.put("titleEn", titleVi + " (en)");
        m.put("summaryVi", "Tóm tắt: " + titleVi);
        m.put("bodyVi", bodyVi);
        m.put("category", "NEWS");
        m.put("tags", List.of("kiểm thử"));
        return m;
    }

    private static JsonNode created(String auth, Map<String, Object> body) throws Exception {
        Reply r = send("POST", "/api/portal/manage/items", auth, body);
        assertEquals(r.toString(), 201, r.status());
        return r.json();
    }

    private static Reply act(long id, String action, String auth, Map<String, Object> body) throws Exception {
        return send("POST", "/api/portal/manage/items/" + id + "/" + action, auth, body == null ? Map.of() : body);
    }

    private static JsonNode ok(Reply r) {
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    private static List<String> slugs(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("slug").asText()));
        return out;
    }

    private static List<String> search(String q) throws Exception {
        return slugs(ok(get("/api/portal/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&limit=100", null)));
    }

    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String feeds() throws Exception {
        Reply rss = get("/api/portal/feed.rss", null);
        Reply atom = get("/api/portal/feed.atom?lang=en", null);
        assertEquals(200, rss.status());
        assertEquals(200, atom.status());
        return rss.body() + atom.body();
    }

    /** A draft taken to PUBLISHED by an editor and a reviewer. */
    private static JsonNode published(Map<String, Object> body) throws Exception {
        JsonNode d = created(editor, body);
        ok(act(d.get("id").asLong(), "submit", editor, null));
        return ok(act(d.get("id").asLong(), "publish", reviewer, null));
    }

    // ------------------------------------------------------------------ workflow and roles

    @Test
    public void a_theWorkflowRunsThroughItsStatesWithRoleChecksAndUnpublishedContentStaysHidden() throws Exception {
        String word = "quokkavang";
        JsonNode d = created(editor, article("Bài " + word + " về chuyển đổi số", "<p>Nội dung " + word + " đầy đủ.</p>"));
        long id = d.get("id").asLong();
        String slug = d.get("slug").asText();
        assertEquals("DRAFT", d.get("status").asText());
        assertTrue(slug, slug.startsWith("bai-" + word + "-ve-chuyen-doi-so"));

        // hidden while DRAFT: item page, lists, search, feeds
        assertEquals(404, get("/api/portal/items/" + slug, null).status());
        assertEquals(404, get("/api/portal/items/" + id, null).status());
        assertTrue(search(word).isEmpty());
        assertFalse(feeds().contains(word));
        assertFalse(get("/api/portal/items?kind=ARTICLE&limit=100", null).body().contains(word));

        // role checks
        assertEquals(401, send("POST", "/api/portal/manage/items", null, article("Ẩn danh viết bài", "<p>x</p>")).status());
        assertEquals(403, send("POST", "/api/portal/manage/items", reporter, article("Báo cáo viên viết", "<p>x</p>")).status());
        assertEquals(403, get("/api/portal/manage/items", reporter).status());
        Reply early = act(id, "publish", reviewer, null);
        assertEquals("publish needs IN_REVIEW: " + early, 409, early.status());
        assertTrue(early.body(), early.body().contains("IN_REVIEW"));

        assertEquals("IN_REVIEW", ok(act(id, "submit", editor, null)).get("status").asText());
        assertEquals("an editor cannot publish", 403, act(id, "publish", editor, null).status());
        assertEquals("an editor cannot change an item in review", 403, send("PUT", "/api/portal/manage/items/" + id,
                editor, withVersion(article("Sửa khi đang duyệt", "<p>y</p>"), 1)).status());
        assertEquals("a return needs a note", 400, act(id, "return", reviewer, null).status());
        JsonNode back = ok(act(id, "return", reviewer, Map.of("note", "Bổ sung số liệu")));
        assertEquals("DRAFT", back.get("status").asText());
        assertEquals("Bổ sung số liệu", back.get("reviewNote").asText());
        assertTrue(search(word).isEmpty());

        // stale version -> 409; current version -> saved
        Reply stale = send("PUT", "/api/portal/manage/items/" + id, editor,
                withVersion(article("Bài " + word + " về chuyển đổi số", "<p>Nội dung mới " + word + ".</p>"), 0));
        assertEquals(stale.toString(), 409, stale.status());
        JsonNode edited = ok(send("PUT", "/api/portal/manage/items/" + id, editor, withVersion(article("Bài " + word
                + " về chuyển đổi số", "<p>Nội dung mới " + word + " đã bổ sung.</p>"), back.get("version").asLong())));
        assertTrue(edited.get("bodyVi").asText().contains("đã bổ sung"));
        ok(act(id, "submit", editor, null));
        JsonNode pub = ok(act(id, "publish", reviewer, Map.of()));
        assertEquals("PUBLISHED", pub.get("status").asText());
        assertNotNull(pub.get("publishedAt"));

        // now public everywhere
        JsonNode item = ok(get("/api/portal/items/" + slug, null));
        assertTrue(item.get("bodyVi").asText().contains("đã bổ sung"));
        assertFalse("no editorial fields in public", item.has("status") || item.has("reviewNote") || item.has("createdBy"));
        assertEquals(List.of(slug), search(word));
        assertTrue(feeds().contains(word));
        assertTrue(get("/api/portal/items?kind=ARTICLE&tag=" + URLEncoder.encode("kiểm thử", StandardCharsets.UTF_8), null)
                .body().contains(slug));

        // archive: gone from public again; restore -> DRAFT
        assertEquals("an editor cannot archive", 403, act(id, "archive", editor, null).status());
        assertEquals("ARCHIVED", ok(act(id, "archive", reviewer, Map.of("note", "Hết hiệu lực"))).get("status").asText());
        assertEquals(404, get("/api/portal/items/" + slug, null).status());
        assertTrue(search(word).isEmpty());
        assertFalse(feeds().contains(word));
        assertEquals(409, send("PUT", "/api/portal/manage/items/" + id, reviewer,
                withVersion(article("Sửa khi lưu trữ", "<p>z</p>"), 99)).status());
        assertEquals("DRAFT", ok(act(id, "restore", editor, null)).get("status").asText());

        // revisions: every step kept, oldest content readable
        JsonNode revs = ok(get("/api/portal/manage/items/" + id + "/revisions", editor));
        List<String> changes = new ArrayList<>();
        revs.forEach(r -> changes.add(r.get("change").asText()));
        assertEquals(List.of("RESTORE", "ARCHIVE", "PUBLISH", "SUBMIT", "EDIT", "RETURN", "SUBMIT", "CREATE"), changes);
        JsonNode first = ok(get("/api/portal/manage/items/" + id + "/revisions/1", editor));
        assertTrue(first.get("bodyVi").asText().contains("Nội dung " + word + " đầy đủ"));
        assertEquals(404, get("/api/portal/manage/items/" + id + "/revisions/99", editor).status());

        // only drafts can be deleted, by the author or a reviewer
        assertEquals(204, call("DELETE", "/api/portal/manage/items/" + id, editor, null, null).status());
        assertEquals(404, get("/api/portal/manage/items/" + id, editor).status());
        long pubId = published(article("Không xoá được " + word, "<p>Đã đăng.</p>")).get("id").asLong();
        assertEquals(409, call("DELETE", "/api/portal/manage/items/" + pubId, reviewer, null, null).status());
        // the audit trail has the steps
        assertTrue(get("/api/audit?entityType=PortalItem&entityKey=" + pubId, admin()).body().contains("PUBLISH"));
    }

    private static Map<String, Object> withVersion(Map<String, Object> body, long version) {
        body.put("version", version);
        return body;
    }

    @Test
    public void b_aScheduledItemAppearsOnlyWhenItsTimeComes() throws Exception {
        String word = "wombatxanh";
        JsonNode d = created(editor, article("Tin hẹn giờ " + word, "<p>Sẽ đăng sau " + word + ".</p>"));
        long id = d.get("id").asLong();
        ok(act(id, "submit", editor, null));
        Instant at = Instant.now().plusSeconds(4);
        JsonNode s = ok(act(id, "publish", reviewer, Map.of("publishAt", at.toString())));
        assertEquals("SCHEDULED", s.get("status").asText());
        assertEquals(404, get("/api/portal/items/" + d.get("slug").asText(), null).status());
        assertTrue(search(word).isEmpty());
        assertEquals(400, act(id, "publish", reviewer, Map.of("publishAt", "next tuesday")).status());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get("/api/portal/items/" + d.get("slug").asText(), null).status() != 200) {
            assertTrue("the scheduled item was not published within 20 s", System.nanoTime() < deadline);
            Thread.sleep(500);
        }
        assertTrue("not before its time", Instant.now().isAfter(at));
        assertEquals(List.of(d.get("slug").asText()), search(word));
        assertEquals("PUBLISHED", ok(get("/api/portal/manage/items/" + id, reviewer)).get("status").asText());
    }

    // ------------------------------------------------------------------ search

    @Test
    public void c_searchFindsVietnameseWithAndWithoutDiacritics() throws Exception {
        List<String> folded = search("chuyen doi so");
        List<String> accented = search("chuyển đổi số");
        assertFalse(folded.isEmpty());
        assertEquals("accents do not matter", accented, folded);
        assertTrue(folded.toString(), folded.contains("ra-mat-ba-nen-tang-so-phuc-vu-nghi-quyet-57"));
        assertTrue(search("Nghi quyet 57-NQ/TW").contains("nghi-quyet-57-nq-tw"));
        assertTrue("upper case and đ", search("ĐỔI MỚI SÁNG TẠO").contains("nghi-quyet-57-nq-tw"));
        assertTrue("English text is indexed too", search("panoramic").contains("ra-mat-ba-nen-tang-so-phuc-vu-nghi-quyet-57"));
        assertTrue(search("Quang Dien 83").contains("hue-40-trung-tam-phuc-vu-hanh-chinh-cong-tiep-nhan-526-phan-anh"));
        assertTrue("every word must match", search("chuyen doi so xylophonezzz").isEmpty());
        JsonNode docs = ok(get("/api/portal/search?q=nghi+quyet&kind=DOCUMENT", null));
        docs.get("items").forEach(i -> assertEquals("DOCUMENT", i.get("kind").asText()));
        assertTrue(docs.get("total").asInt() >= 2);
        assertFalse("drafts and items in review are never found", search("so tay huong dan nhap so lieu").contains(
                "so-tay-huong-dan-nhap-so-lieu-kpi"));
        Reply empty = get("/api/portal/search?q=%20", null);
        assertEquals(400, empty.status());
        assertEquals("q", empty.json().get("details").get(0).get("field").asText());
        assertEquals(400, get("/api/portal/search?q=%22%22%22", null).status());
        assertEquals(400, get("/api/portal/search?q=a&kind=POEM", null).status());
    }

    @Test
    public void d_listsFiltersAndFacetsServeTheDocumentLibrary() throws Exception {
        JsonNode laws = ok(get("/api/portal/items?kind=DOCUMENT&docType=LAW", null));
        assertEquals(2, laws.get("total").asInt());
        JsonNode y2024 = ok(get("/api/portal/items?kind=DOCUMENT&year=2024", null));
        assertEquals(List.of("nghi-quyet-57-nq-tw"), slugs(y2024));
        JsonNode na = ok(get("/api/portal/items?kind=DOCUMENT&issuer=" + URLEncoder.encode("Quốc hội",
                StandardCharsets.UTF_8), null));
        assertEquals(3, na.get("total").asInt());
        JsonNode docs = ok(get("/api/portal/items?kind=DOCUMENT", null));
        assertEquals("newest issue date first", "luat-khoa-hoc-cong-nghe-va-doi-moi-sang-tao",
                docs.get("items").get(0).get("slug").asText());
        JsonNode doc = ok(get("/api/portal/items/nghi-quyet-193-2025-qh15", null));
        assertEquals("193/2025/QH15", doc.get("docNumber").asText());
        assertEquals("2025-02-19", doc.get("issuedOn").asText());
        JsonNode facets = ok(get("/api/portal/facets", null));
        assertTrue(facets.get("issuers").toString().contains("Bộ Chính trị"));
        assertTrue(facets.get("years").toString().contains("2024"));
        assertEquals(400, get("/api/portal/items?kind=DOCUMENT&docType=POEM", null).status());
        assertEquals(400, get("/api/portal/items?limit=0", null).status());
        JsonNode acts = ok(get("/api/portal/items?kind=ACTIVITY", null));
        assertEquals("2025-07-02", acts.get("items").get(0).get("eventDate").asText());
        JsonNode home = ok(get("/api/portal/home", null));
        assertEquals(6, home.get("articles").size());
        assertEquals(5, home.get("documents").size());
    }

    // ------------------------------------------------------------------ feeds

    @Test
    public void e_feedsAreValidRssAndAtomWithPublishedItemsOnly() throws Exception {
        Reply rss = get("/api/portal/feed.rss", null);
        assertEquals(200, rss.status());
        assertTrue(rss.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/rss+xml"));
        Document r = xml(rss.body());
        assertEquals("rss", r.getDocumentElement().getTagName());
        assertEquals("2.0", r.getDocumentElement().getAttribute("version"));
        NodeList items = r.getElementsByTagName("item");
        assertTrue(items.getLength() >= 10);
        for (int i = 0; i < items.getLength(); i++) {
            Element e = (Element) items.item(i);
            for (String child : List.of("title", "link", "guid", "pubDate", "description")) {
                assertEquals(child + " in item " + i, 1, e.getElementsByTagName(child).getLength());
            }
            String link = e.getElementsByTagName("link").item(0).getTextContent();
            assertTrue(link, link.startsWith(base() + "/portal/item.html?slug="));
        }
        assertFalse("drafts are not in feeds", rss.body().contains("tong-ket-thi-diem-co-che-dac-thu")
                || rss.body().contains("Sổ tay hướng dẫn nhập số liệu"));

        Reply atom = get("/api/portal/feed.atom?lang=en&kind=DOCUMENT", null);
        assertEquals(200, atom.status());
        Document a = xml(atom.body());
        assertEquals(NS_ATOM, a.getDocumentElement().getNamespaceURI());
        assertEquals("feed", a.getDocumentElement().getLocalName());
        NodeList entries = a.getElementsByTagNameNS(NS_ATOM, "entry");
        assertEquals(5, entries.getLength());
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            for (String child : List.of("id", "title", "updated", "link", "summary")) {
                assertTrue(child, e.getElementsByTagNameNS(NS_ATOM, child).getLength() >= 1);
            }
            Instant.parse(e.getElementsByTagNameNS(NS_ATOM, "updated").item(0).getTextContent());
        }
        assertTrue("English titles with lang=en", atom.body().contains("Resolution 57-NQ/TW on breakthroughs"));

        // hostile text is escaped by the XML writer, so the feed stays well-formed
        published(article("Ký tự <đặc biệt> & \"trích dẫn\" ]]> trong tiêu đề", "<p>A &amp; B &lt;tag&gt;</p>"));
        xml(get("/api/portal/feed.rss", null).body());
        xml(get("/api/portal/feed.atom", null).body());
        assertEquals(400, get("/api/portal/feed.rss?kind=POEM", null).status());
    }

    // ------------------------------------------------------------------ hostile input

    @Test
    public void f_hostileHtmlIsSanitisedAndBadInputRefusedWithNothingStored() throws Exception {
        String hostile = "<p onclick=\"steal()\">Bình thường <strong>đậm</strong></p><script>alert('x')</script>"
                + "<a href=\"javascript:alert(1)\">link</a><a href=\"https://example.vn/a\">ok</a>"
                + "<img src=\"https://example.vn/i.png\" onerror=\"alert(2)\"><iframe src=\"https://evil\"></iframe>"
                + "<style>body{display:none}</style><form action=\"/x\"><input name=\"p\"></form>"
                + "<svg onload=\"alert(3)\"></svg>";
        JsonNode d = created(editor, article("Bài có HTML độc hại", hostile));
        String body = d.get("bodyVi").asText();
        assertEquals(List.of("bodyVi"), List.of(d.get("sanitised").get(0).asText()));
        for (String bad : List.of("<script", "onclick", "javascript:", "onerror", "<iframe", "<style", "<form", "<input",
                "<svg", "onload")) {
            assertFalse(bad + " survived: " + body, body.toLowerCase().contains(bad));
        }
        assertTrue(body, body.contains("<strong>đậm</strong>"));
        assertTrue(body, body.contains("href=\"https://example.vn/a\""));
        assertTrue(body, body.contains("rel=\"noopener noreferrer nofollow\""));
        assertTrue(body, body.contains("<img src=\"https://example.vn/i.png\">"));
        // clean HTML is not reported as sanitised
        JsonNode clean = created(editor, article("Bài sạch", "<h2>Tiêu đề</h2><p>Đoạn <em>nghiêng</em></p><ul><li>Một</li></ul>"));
        assertEquals(0, clean.get("sanitised").size());
        // the title is plain text, stored as typed (the page renders it escaped)
        JsonNode t = created(editor, article("<img src=x onerror=alert(1)> tiêu đề", "<p>Nội dung.</p>"));
        assertEquals("<img src=x onerror=alert(1)> tiêu đề", t.get("titleVi").asText());

        long before = ok(get("/api/portal/manage/items?limit=1", editor)).get("total").asLong();
        Map<String, Object> bad = new HashMap<>();
        bad.put("kind", "DOCUMENT");
        bad.put("titleVi", "x");
        bad.put("slug", "Không Hợp Lệ");
        bad.put("issuedOn", "2025-02-30");
        bad.put("tags", List.of("a,b"));
        bad.put("category", "NOPE");
        bad.put("summaryVi", "x".repeat(1001));
        Reply r = send("POST", "/api/portal/manage/items", editor, bad);
        assertEquals(r.toString(), 400, r.status());
        List<String> fields = new ArrayList<>();
        r.json().get("details").forEach(x -> fields.add(x.get("field").asText()));
        for (String f : List.of("slug", "titleVi", "summaryVi", "category", "tags", "docNumber", "docType", "issuer",
                "issuedOn")) {
            assertTrue(f + " in " + fields, fields.contains(f));
        }
        assertEquals(400, send("POST", "/api/portal/manage/items", editor, Map.of("kind", "POEM", "titleVi", "Bài thơ"))
                .status());
        assertEquals(400, send("POST", "/api/portal/manage/items", editor, Map.of("kind", "ARTICLE", "titleVi",
                "Không có nội dung")).status());
        assertEquals(400, send("POST", "/api/portal/manage/items", editor, Map.of("kind", "ARTICLE", "titleVi",
                "Ký tự điều khiển \u0007", "bodyVi", "<p>x</p>")).status());
        assertEquals(400, send("POST", "/api/portal/manage/items", editor, "{\"kind\": \"ARTICLE\", \"oops\": 1}").status());
        assertEquals(400, send("POST", "/api/portal/manage/items", editor, "{not json").status());
        Map<String, Object> dup = article("Trùng địa chỉ", "<p>x</p>");
        dup.put("slug", "nghi-quyet-57-nq-tw");
        assertEquals(409, send("POST", "/api/portal/manage/items", editor, dup).status());
        assertEquals("nothing stored", before, ok(get("/api/portal/manage/items?limit=1", editor)).get("total").asLong());
    }

    @Test
    public void g_filesAreCheckedAndOnlyPublicWithTheirItem() throws Exception {
        JsonNode d = created(editor, article("Bài có tệp đính kèm", "<p>Xem tệp.</p>"));
        long id = d.get("id").asLong();
        byte[] pdf = "%PDF-1.4\n%mekong\n".getBytes(StandardCharsets.US_ASCII);
        Reply up = call("POST", "/api/portal/manage/items/" + id + "/files?name=" + URLEncoder.encode("Văn bản.pdf",
                StandardCharsets.UTF_8), editor, "application/pdf", pdf);
        assertEquals(up.toString(), 201, up.status());
        long fileId = up.json().get("id").asLong();
        assertEquals(400, call("POST", "/api/portal/manage/items/" + id + "/files?name=x.exe", editor,
                "application/octet-stream", new byte[] { 'M', 'Z', 0 }).status());
        assertEquals("content must match the type", 400, call("POST", "/api/portal/manage/items/" + id
                + "/files?name=fake.pdf", editor, "application/pdf", "<html>".getBytes(StandardCharsets.US_ASCII)).status());
        assertEquals(401, call("POST", "/api/portal/manage/items/" + id + "/files?name=a.pdf", null, "application/pdf", pdf)
                .status());
        assertEquals("not public while a draft", 404, get("/api/portal/files/" + fileId, null).status());
        assertEquals(200, get("/api/portal/files/" + fileId, editor).status());
        ok(act(id, "submit", editor, null));
        ok(act(id, "publish", reviewer, null));
        Reply f = get("/api/portal/files/" + fileId, null);
        assertEquals(200, f.status());
        assertEquals("application/pdf", f.raw().headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", f.raw().headers().firstValue("X-Content-Type-Options").orElse(""));
        JsonNode files = ok(get("/api/portal/items/" + d.get("slug").asText(), null)).get("files");
        assertEquals("Văn bản.pdf", files.get(0).get("name").asText());
    }

    // ------------------------------------------------------------------ figures and lifecycle

    @Test
    public void h_homeFiguresComeFromTheInstalledPluginsAndFollowThem() throws Exception {
        JsonNode groups = ok(get("/api/portal/figures", null));
        List<String> ids = new ArrayList<>();
        groups.forEach(g -> ids.add(g.get("id").asText()));
        assertEquals(List.of("monitoring", "feedback"), ids);
        // the monitoring figure is the public dashboard's: verified values only, the units below VN pooled
        JsonNode publicSummary = ok(get("/api/monitoring/overview?orgUnit=VN", null)).get("summary");
        JsonNode greenShare = groups.get(0).get("figures").get(0);
        assertEquals("green-share", greenShare.get("key").asText());
        assertEquals(publicSummary.get("greenShareBelow").asDouble() * 100, greenShare.get("value").asDouble(), 1e-9);
        assertEquals(publicSummary.get("colourBelow").asText(), greenShare.get("colour").asText());
        JsonNode fb = groups.get(1).get("figures");
        JsonNode stats = ok(get("/api/feedback/stats?from=2025-01-01", null)).get("total");
        assertEquals("the figure is the plugin's own statistic", stats.get("received").asDouble(),
                fb.get(0).get("value").asDouble(), 0.0);

        features.uninstallFeature("mekong-feedback");
        awaitStatus("/api/feedback/options", 404, Duration.ofSeconds(60));
        JsonNode without = ok(get("/api/portal/home", null)).get("figures");
        assertEquals(1, without.size());
        assertEquals("monitoring", without.get(0).get("id").asText());
        assertTrue("the home page keeps working", ok(get("/api/portal/home", null)).get("articles").size() > 0);
        features.installFeature("mekong-feedback");
        awaitStatus("/api/feedback/options", 200, Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ok(get("/api/portal/figures", null)).size() < 2) {
            assertTrue("feedback figures came back", System.nanoTime() < deadline);
            Thread.sleep(250);
        }
    }

    @Test
    public void z_pluginUninstallsAndReinstallsLiveWithTheMenuAndSiteRootFollowing() throws Exception {
        Reply root = get("/", null);
        assertEquals(302, root.status());
        assertTrue(root.raw().headers().firstValue("Location").orElse("").endsWith("/portal/index.html"));
        assertTrue(get("/api/ui/contributions", null).body().contains("portal.home"));
        assertEquals(200, get("/portal/index.html", null).status());
        assertEquals(200, get("/portal/lib/quill.min.js", null).status());

        features.uninstallFeature("mekong-portal");
        awaitStatus("/api/portal/home", 404, Duration.ofSeconds(60));
        assertFalse(get("/api/ui/contributions", null).body().contains("portal.home"));
        assertEquals(404, get("/portal/index.html", null).status());
        assertFalse(get("/api/openapi.json", null).body().contains("/portal/search"));
        Reply bare = get("/", null);
        assertTrue("the root falls back to the shell", bare.raw().headers().firstValue("Location").orElse("")
                .endsWith("/ui/index.html"));
        assertEquals("the core keeps answering", 200, get("/api/indicators", admin()).status());

        features.installFeature("mekong-portal");
        awaitStatus("/api/portal/items/nghi-quyet-57-nq-tw", 200, Duration.ofSeconds(60));
        assertTrue("the index is rebuilt from the database", search("chuyen doi so").size() > 0);
        eventually("portal menu entry back", Duration.ofSeconds(30), () -> get("/api/ui/contributions", null).body().contains("portal.home"));
        assertTrue(get("/", null).raw().headers().firstValue("Location").orElse("").endsWith("/portal/index.html"));
    }
}

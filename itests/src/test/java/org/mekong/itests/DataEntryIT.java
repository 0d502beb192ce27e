package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.mekong.itests.DataEntryBrowser.assertLayout;
import static org.mekong.itests.DataEntryBrowser.browser;
import static org.mekong.itests.DataEntryBrowser.openGrid;
import static org.mekong.itests.DataEntryBrowser.row;
import static org.mekong.itests.DataEntryBrowser.screenshot;
import static org.mekong.itests.DataEntryBrowser.url;
import static org.mekong.itests.DataEntryFixtures.codes;
import static org.mekong.itests.DataEntryFixtures.fields;
import static org.mekong.itests.DataEntryFixtures.form;
import static org.mekong.itests.DataEntryFixtures.id;
import static org.mekong.itests.DataEntryFixtures.indicator;
import static org.mekong.itests.DataEntryFixtures.ok;
import static org.mekong.itests.DataEntryFixtures.value;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExamServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * Reporting forms and grid data entry (issue 15 #4 and #5) on the real distribution with its demo
 * data: the forms API (CRUD, validation, 409), per-form completeness and timeliness against
 * hand-computed figures, read scope, the save-time outlier check, and a reporter entering a whole
 * form in the grid in headless Chromium (outlier comment asked inline, saved, period submitted).
 * The server runs as a Pax Exam server; tests call it over HTTP from this JVM, where the browser is.
 * Fixture: province DEIT with communes DEIT-A..D reporting form DEIT-M (two monthly indicators, due 40
 * days after the month); months are counted back from today, so on time and late never drift.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class DataEntryIT extends MekongTestSupport {
    private static final int HTTP_PORT = freePort();
    /** Last month (due 40 days after its end: always still ahead or today), and three months back (always past due). */
    private static final YearMonth M1 = YearMonth.now().minusMonths(1);
    private static final YearMonth M3 = YearMonth.now().minusMonths(3);

    static {
        System.setProperty("mekong.http.port", Integer.toString(HTTP_PORT));
    }

    @ClassRule
    public static final PaxExamServer SERVER = new PaxExamServer();

    private static String reporter;
    private static String communeReporter;
    private static String verifier;
    private static boolean fixture;

    @Configuration
    public Option[] config() {
        return distribution(HTTP_PORT, true);
    }

    @BeforeClass
    public static void startBrowser() {
        DataEntryBrowser.start();
    }

    @AfterClass
    public static void stopBrowser() {
        DataEntryBrowser.stop();
    }

    /** The demo data (forms first, then values and tasks) and the test's own fixture. */
    @org.junit.Before
    public void awaitFixture() throws Exception {
        if (fixture) {
            return;
        }
        eventually("the monitoring demo data", Duration.ofSeconds(120), () -> {
            Reply r = get("/api/monitoring/tasks?limit=1", admin());
            return r.status() == 200 && r.body().startsWith("{") && r.json().path("total").asInt() > 0;
        });
        ok(send("POST", "/api/orgunits", admin(), Map.of("code", "DEIT", "nameVi", "Tỉnh nhập liệu", "nameEn",
                "Data entry province", "level", "PROVINCE", "parentCode", "VN")), 201);
        for (String c : List.of("A", "B", "C", "D")) {
            ok(send("POST", "/api/orgunits", admin(), Map.of("code", "DEIT-" + c, "nameVi", "Xã " + c, "nameEn",
                    "Commune " + c, "level", "COMMUNE", "parentCode", "DEIT")), 201);
        }
        indicator("DEIT-RATE", "Tỷ lệ hồ sơ trực tuyến thử", "Test online dossier rate", "%", "MONTHLY");
        indicator("DEIT-COUNT", "Số điểm phục vụ thử", "Test service points", "count", "MONTHLY");
        indicator("DEIT-QRATE", "Tỷ lệ quý thử", "Test quarterly rate", "%", "QUARTERLY");
        reporter = createUser("deit-reporter", "REPORTER", "DEIT");
        communeReporter = createUser("deit-a-reporter", "REPORTER", "DEIT-A");
        verifier = createUser("deit-verifier", "VERIFIER", "DEIT");
        fixture = true;
    }

    @Test
    public void a_formsAreDefinedValidatedVersionedAndAudited() throws Exception {
        Map<String, Object> monthly = form("DEIT-M", "MONTHLY", 40, List.of("DEIT-RATE", "DEIT-COUNT"), List.of(),
                List.of("DEIT-A", "DEIT-B", "DEIT-C", "DEIT-D"), 0);
        ok(send("POST", "/api/forms", reporter, monthly), 403);
        Reply created = ok(send("POST", "/api/forms", admin(), monthly), 201);
        assertEquals(1, created.json().path("version").asLong());
        assertTrue(created.raw().headers().firstValue("Location").orElse("").endsWith("/forms/DEIT-M"));
        ok(send("POST", "/api/forms", admin(), monthly), 409);
        JsonNode read = ok(get("/api/forms/DEIT-M", communeReporter), 200).json();
        assertEquals("[\"DEIT-RATE\",\"DEIT-COUNT\"]", read.path("indicators").toString());
        assertEquals(40, read.path("dueDays").asInt());

        // Every problem named by its field, nothing stored.
        Map<String, Object> bad = form("DEIT-BAD", "MONTHLY", -1, List.of("NO-SUCH-IND", "DEIT-QRATE", "DEIT-RATE",
                "DEIT-RATE"), List.of(), List.of("NO-SUCH-UNIT"), 0);
        bad.put("nameVi", " ");
        Reply refused = ok(send("POST", "/api/forms", admin(), bad), 400);
        assertEquals(List.of("nameVi", "dueDays", "indicators[0]", "indicators[1]", "indicators[3]", "orgUnits[0]"),
                fields(refused));
        assertTrue(refused.body(), refused.body().contains("QUARTERLY"));
        Reply empty = ok(send("POST", "/api/forms", admin(), form("DEIT-BAD", "MONTHLY", 0, List.of(), List.of(),
                List.of(), 0)), 400);
        assertEquals(List.of("indicators", "levels"), fields(empty));
        ok(get("/api/forms/DEIT-BAD", admin()), 404);

        // Optimistic version: the second writer with the old version gets a 409.
        Map<String, Object> renamed = new java.util.HashMap<>(monthly);
        renamed.put("nameEn", "Commune monthly test form");
        renamed.put("version", 1);
        assertEquals(2, ok(send("PUT", "/api/forms/DEIT-M", admin(), renamed), 200).json().path("version").asLong());
        ok(send("PUT", "/api/forms/DEIT-M", admin(), renamed), 409);
        assertEquals("Commune monthly test form", ok(get("/api/forms/DEIT-M", admin()), 200).json().path("nameEn").asText());

        ok(send("POST", "/api/forms", admin(), form("DEIT-TMP", "QUARTERLY", 5, List.of("DEIT-QRATE"),
                List.of("PROVINCE"), List.of(), 0)), 201);
        ok(call("DELETE", "/api/forms/DEIT-TMP?version=1", reporter, null, null), 403);
        ok(call("DELETE", "/api/forms/DEIT-TMP?version=7", admin(), null, null), 409);
        ok(call("DELETE", "/api/forms/DEIT-TMP?version=1", admin(), null, null), 204);
        ok(get("/api/forms/DEIT-TMP", admin()), 404);

        // Which forms a unit reports: by explicit unit, by level; the demo forms are there.
        List<String> ofCommune = codes(ok(get("/api/forms?orgUnit=DEIT-A", communeReporter), 200));
        assertTrue(ofCommune.toString(), ofCommune.contains("DEIT-M") && ofCommune.contains("COMMUNE-MONTHLY"));
        assertFalse(ofCommune.toString(), ofCommune.contains("PROVINCE-QUARTERLY"));
        List<String> ofHue = codes(ok(get("/api/forms?orgUnit=HUE", admin()), 200));
        assertTrue(ofHue.toString(), ofHue.contains("PROVINCE-QUARTERLY") && ofHue.contains("PROVINCE-MONTHLY"));
        assertFalse(ofHue.toString(), ofHue.contains("DEIT-M"));
        List<String> ofMinistry = codes(ok(get("/api/forms?orgUnit=BO-KHCN", admin()), 200));
        assertEquals(List.of("MINISTRY-YEARLY"), ofMinistry);

        String audit = ok(get("/api/audit?entityType=ReportingForm&entityKey=DEIT-", admin()), 200).body();
        assertTrue(audit, audit.contains("\"CREATE\"") && audit.contains("\"UPDATE\"") && audit.contains("\"DELETE\""));
    }

    @Test
    public void b_completenessAndTimelinessPerForm() throws Exception {
        ok(send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", List.of(
                value("DEIT-RATE", "DEIT-A", M1, 60, null), value("DEIT-COUNT", "DEIT-A", M1, 5, null),
                value("DEIT-RATE", "DEIT-A", M3, 55, null), value("DEIT-COUNT", "DEIT-A", M3, 4, null),
                value("DEIT-RATE", "DEIT-B", M1, 70, null)))), 200);
        for (String[] up : new String[][] { { "DEIT-A", id(M1) }, { "DEIT-A", id(M3) }, { "DEIT-B", id(M1) } }) {
            ok(send("POST", "/api/datavalues/submit", reporter, Map.of("orgUnit", up[0], "period", up[1])), 200);
        }
        String m1 = id(M1);
        JsonNode a = ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-A&period=" + m1, reporter), 200).json();
        assertEquals(List.of(2, 2, 2, 0), List.of(a.path("expected").asInt(), a.path("present").asInt(),
                a.path("submitted").asInt(), a.path("verified").asInt()));
        JsonNode b = ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-B&period=" + m1, reporter), 200).json();
        assertEquals(List.of(2, 1, 1, 0), List.of(b.path("expected").asInt(), b.path("present").asInt(),
                b.path("submitted").asInt(), b.path("verified").asInt()));
        assertEquals("[\"DEIT-COUNT\"]", b.path("missing").toString());
        JsonNode c = ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-C&period=" + m1, reporter), 200).json();
        assertEquals(0, c.path("present").asInt());
        assertEquals("[\"DEIT-RATE\",\"DEIT-COUNT\"]", c.path("missing").toString());

        ok(send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(
                Map.of("indicator", "DEIT-RATE", "orgUnit", "DEIT-A", "period", m1),
                Map.of("indicator", "DEIT-COUNT", "orgUnit", "DEIT-A", "period", m1)))), 200);
        assertEquals(2, ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-A&period=" + m1, reporter), 200).json()
                .path("verified").asInt());

        // The province with its children: the province itself does not report DEIT-M, its four communes do.
        JsonNode t = ok(get("/api/forms/DEIT-M/timeliness?orgUnit=DEIT&period=" + m1, reporter), 200).json();
        assertEquals(List.of(1, 0, 3), List.of(t.path("onTime").asInt(), t.path("late").asInt(),
                t.path("notSubmitted").asInt()));
        String due = M1.atEndOfMonth().plusDays(40).toString();
        List<String> states = new ArrayList<>();
        t.path("units").forEach(u -> {
            states.add(u.path("orgUnit").asText() + "=" + u.path("state").asText());
            assertEquals(due, u.path("dueDate").asText());
        });
        assertEquals(List.of("DEIT-A=ON_TIME", "DEIT-B=NOT_SUBMITTED", "DEIT-C=NOT_SUBMITTED", "DEIT-D=NOT_SUBMITTED"),
                states.stream().sorted().toList());
        JsonNode aOnly = ok(get("/api/forms/DEIT-M/timeliness?orgUnit=DEIT-A&period=" + id(M3) + "," + m1, reporter), 200)
                .json();
        assertEquals(List.of(1, 1, 0), List.of(aOnly.path("onTime").asInt(), aOnly.path("late").asInt(),
                aOnly.path("notSubmitted").asInt()));
        JsonNode late = aOnly.path("units").get(0);
        assertEquals(id(M3), late.path("period").asText());
        assertEquals("LATE", late.path("state").asText());
        assertEquals(M3.atEndOfMonth().plusDays(40).toString(), late.path("dueDate").asText());
        assertNotNull(LocalDate.parse(late.path("submittedAt").asText().substring(0, 10)));

        // Periods of the form's periodicity only; units that report the form only; unknown forms are 404.
        assertEquals(List.of("period"), fields(ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-A&period=2026Q3",
                reporter), 400)));
        assertEquals(List.of("orgUnit"), fields(ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT&period=" + m1,
                reporter), 400)));
        ok(get("/api/forms/NO-SUCH-FORM/completeness?orgUnit=DEIT-A&period=" + m1, reporter), 404);
    }

    @Test
    public void c_formFiguresAreReadWithinTheCallersUnits() throws Exception {
        String quarter = "2026Q3";
        ok(get("/api/forms/PROVINCE-QUARTERLY/completeness?orgUnit=HUE&period=" + quarter, admin()), 200);
        ok(get("/api/forms/PROVINCE-QUARTERLY/completeness?orgUnit=HUE&period=" + quarter, communeReporter), 403);
        ok(get("/api/forms/PROVINCE-QUARTERLY/timeliness?orgUnit=HUE&period=" + quarter, communeReporter), 403);
        ok(get("/api/forms?orgUnit=HUE", communeReporter), 403);
        ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-B&period=" + id(M1), communeReporter), 403);
        ok(get("/api/forms/DEIT-M/completeness?orgUnit=DEIT-A&period=" + id(M1), communeReporter), 200);
        ok(get("/api/forms", null), 401);
        assertTrue(codes(ok(get("/api/forms", communeReporter), 200)).contains("PROVINCE-QUARTERLY"));
        // A Hue province form read by the administrator: the demo's Hue submitted 2026Q3 at boot, after its due date.
        JsonNode hue = ok(get("/api/forms/PROVINCE-QUARTERLY/timeliness?orgUnit=HUE&period=2025Q1", admin()), 200).json();
        assertEquals(1, hue.path("units").size());
        assertEquals("LATE", hue.path("units").get(0).path("state").asText());
    }

    /** Three earlier months of DEIT-D: rate 51, 52, 50 and count 12, 11, 10 (newest first). */
    private static void historyOfD() throws Exception {
        List<Object> values = new ArrayList<>();
        double[] rates = { 51, 52, 50 };
        double[] counts = { 12, 11, 10 };
        for (int i = 0; i < 3; i++) {
            values.add(value("DEIT-RATE", "DEIT-D", M1.minusMonths(i + 1), rates[i], null));
            values.add(value("DEIT-COUNT", "DEIT-D", M1.minusMonths(i + 1), counts[i], null));
        }
        ok(send("POST", "/api/datavalues/batch?mode=upsert", reporter, Map.of("values", values)), 200);
    }

    private static Reply outliers(Object... indicatorValueComment) throws Exception {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < indicatorValueComment.length; i += 3) {
            values.add(value((String) indicatorValueComment[i], "DEIT-D", M1, (Double) indicatorValueComment[i + 1],
                    (String) indicatorValueComment[i + 2]));
        }
        return send("POST", "/api/forms/DEIT-M/outliers", reporter, Map.of("orgUnit", "DEIT-D", "period", id(M1),
                "values", values));
    }

    @Test
    public void d_theSaveTimeCheckIsTheSubmitsOutlierRule() throws Exception {
        historyOfD();
        // Rate: min 50, max 52, mean 51, margin max(1, 5.1) -> [44.9, 57.1]. Count: [10 - 1.1, 12 + 1.1].
        assertEquals("[]", ok(outliers("DEIT-RATE", 57.0, null, "DEIT-COUNT", 13.0, null), 200).body());
        Reply high = ok(outliers("DEIT-RATE", 57.2, null, "DEIT-COUNT", 14.0, null), 200);
        assertEquals(List.of("DEIT-RATE", "DEIT-COUNT"), List.of(high.json().get(0).path("field").asText(),
                high.json().get(1).path("field").asText()));
        assertEquals("[]", ok(outliers("DEIT-RATE", 95.0, "Chiến dịch hỗ trợ tại chỗ / on-site campaign", "DEIT-COUNT",
                12.0, null), 200).body());
        assertEquals(List.of("values[0].indicator"), fields(ok(outliers("DEIT-QRATE", 1.0, null), 400)));
        ok(send("POST", "/api/forms/DEIT-M/outliers", null, Map.of("orgUnit", "DEIT-D", "period", id(M1),
                "values", List.of())), 401);
        // The check stores nothing.
        assertEquals(0, ok(get("/api/datavalues?orgUnit=DEIT-D&period=" + id(M1), reporter), 200).json().path("total")
                .asInt());
    }

    @Test
    public void e_aReporterEntersAWholeFormInTheGrid() throws Exception {
        if (!ok(get("/api/datavalues?orgUnit=DEIT-D&limit=1", reporter), 200).body().contains("DEIT-RATE")) {
            historyOfD();
        }
        // The grid re-renders when a pick changes: an element read during a re-render is stale, read it again.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.get(url("/ui/index.html"));
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.setItem('mekong.lang', 'vi')");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys("deit-reporter");
        browser.findElement(By.id("password")).sendKeys("deit-reporter-password-1");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell-view")));

        // The tree holds the reporter's province (expanded): pick commune D, the form and last month.
        browser.get(url("/monitoring/entry.html"));
        openGrid(wait, "DEIT-D", "DEIT-M", id(M1));
        assertTrue(browser.findElements(By.cssSelector("#unit-tree button.pick[data-code='HUE']")).isEmpty());
        List<String> periods = new ArrayList<>();
        new Select(browser.findElement(By.id("grid-period"))).getOptions().forEach(o -> periods.add(o.getAttribute("value")));
        assertEquals("the current month first, no future month", id(YearMonth.now()), periods.get(0));
        assertEquals(3, row("DEIT-COUNT").findElements(By.cssSelector("td.prev")).size());
        assertEquals(List.of("51", "52", "50"), row("DEIT-RATE").findElements(By.cssSelector("td.prev")).stream()
                .map(WebElement::getText).toList());
        assertEquals("NEW", row("DEIT-RATE").getAttribute("data-state"));
        screenshot("40-grid-empty-1366");

        // Inline range check while typing, then the whole form by keyboard (Enter moves to the next value).
        WebElement rate = browser.findElement(By.id("value-DEIT-RATE"));
        rate.sendKeys("150");
        wait.until(d -> row("DEIT-RATE").getAttribute("class").contains("invalid"));
        assertTrue(row("DEIT-RATE").findElement(By.cssSelector(".row-message")).getText().contains("0 đến 100"));
        rate.clear();
        rate.sendKeys("95");
        wait.until(d -> !row("DEIT-RATE").getAttribute("class").contains("invalid"));
        rate.sendKeys(Keys.ENTER);
        assertEquals("value-DEIT-COUNT", browser.switchTo().activeElement().getAttribute("id"));
        browser.switchTo().activeElement().sendKeys("12");

        // Save: the server's outlier rule asks for a comment on the rate's row, before anything is stored.
        browser.findElement(By.id("grid-save")).click();
        wait.until(d -> row("DEIT-RATE").getAttribute("class").contains("needs-comment"));
        assertEquals("comment-DEIT-RATE", browser.switchTo().activeElement().getAttribute("id"));
        assertTrue(browser.findElement(By.id("grid-message")).getAttribute("class").contains("error"));
        assertFalse(row("DEIT-COUNT").getAttribute("class").contains("needs-comment"));
        screenshot("41-grid-outlier-comment");
        assertEquals(0, get("/api/datavalues?orgUnit=DEIT-D&period=" + id(M1), reporter).json().path("total").asInt());

        String comment = "Tăng do chiến dịch hỗ trợ nộp hồ sơ tại chỗ";
        browser.switchTo().activeElement().sendKeys(comment);
        // Evidence per row: a file attached to the count's row is uploaded after the batch.
        File evidence = new File(System.getProperty("project.build.directory", "target"), "bien-ban-kiem-dem.txt");
        Files.writeString(evidence.toPath(), "Biên bản kiểm đếm điểm phục vụ / tally of service points\n");
        row("DEIT-COUNT").findElement(By.cssSelector("input.evidence-file")).sendKeys(evidence.getAbsolutePath());
        browser.findElement(By.id("grid-save")).click();
        wait.until(d -> "DRAFT".equals(row("DEIT-RATE").getAttribute("data-state"))
                && "DRAFT".equals(row("DEIT-COUNT").getAttribute("data-state")));
        wait.until(d -> d.findElement(By.id("complete-text")).getText().contains("2/2"));
        assertTrue(browser.findElement(By.id("grid-message")).getAttribute("class").contains("ok"));
        wait.until(d -> row("DEIT-COUNT").findElements(By.cssSelector("a.evidence")).stream()
                .anyMatch(a -> a.getText().equals("bien-ban-kiem-dem.txt")));
        assertLayout(1366);
        screenshot("42-grid-saved-1366");

        browser.findElement(By.id("grid-submit")).click();
        wait.until(d -> "SUBMITTED".equals(row("DEIT-RATE").getAttribute("data-state")));
        assertFalse(browser.findElement(By.id("value-DEIT-RATE")).isEnabled());
        wait.until(d -> d.findElement(By.id("complete-text")).getText().contains("2"));
        screenshot("43-grid-submitted-1366");

        // What the grid did is in the database: one batch, the comment, the submission, on time.
        JsonNode stored = get("/api/datavalues?orgUnit=DEIT-D&period=" + id(M1), reporter).json();
        assertEquals(2, stored.path("total").asInt());
        stored.path("items").forEach(v -> assertEquals("SUBMITTED", v.path("state").asText()));
        assertEquals(comment, stored.path("items").get(1).path("comment").asText());
        assertEquals(95.0, stored.path("items").get(1).path("value").asDouble(), 1e-9);
        JsonNode d = get("/api/forms/DEIT-M/timeliness?orgUnit=DEIT-D&period=" + id(M1), reporter).json();
        assertEquals("ON_TIME", d.path("units").get(0).path("state").asText());

        // Verified rows stay locked and offer a correction request, sent from the row.
        ok(send("POST", "/api/datavalues/verify", verifier, Map.of("keys", List.of(
                Map.of("indicator", "DEIT-RATE", "orgUnit", "DEIT-D", "period", id(M1)),
                Map.of("indicator", "DEIT-COUNT", "orgUnit", "DEIT-D", "period", id(M1))))), 200);
        browser.navigate().refresh();
        openGrid(wait, "DEIT-D", "DEIT-M", id(M1));
        wait.until(d2 -> "VERIFIED".equals(row("DEIT-RATE").getAttribute("data-state")));
        assertFalse(browser.findElement(By.id("value-DEIT-RATE")).isEnabled());
        row("DEIT-RATE").findElement(By.cssSelector("a.request-correction")).click();
        row("DEIT-RATE").findElement(By.cssSelector("input.correction-reason")).sendKeys("Nhập nhầm số liệu tháng");
        row("DEIT-RATE").findElement(By.cssSelector(".correction button")).click();
        wait.until(d2 -> row("DEIT-RATE").findElement(By.cssSelector(".row-message")).getAttribute("class").contains("ok"));
        assertEquals(1, get("/api/datavalues/corrections?orgUnit=DEIT-D&state=PENDING", reporter).json().path("total")
                .asInt());

        // A phone: the grid becomes stacked cards, nothing wider than the screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        openGrid(wait, "DEIT-D", "DEIT-M", id(M1));
        wait.until(d2 -> "VERIFIED".equals(row("DEIT-RATE").getAttribute("data-state")));
        assertEquals("block", row("DEIT-RATE").getCssValue("display"));
        long scroll = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth")).longValue();
        assertTrue("page " + scroll + " px wide on a phone", scroll <= 390);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('grid').scrollIntoView()");
        screenshot("44-grid-phone-390");
        // The same grid in English after the switch, picks kept.
        browser.findElement(By.id("lang-toggle")).click();
        wait.until(d2 -> d2.findElement(By.id("grid-heading")).getText().equals("The form's values"));
        assertTrue(row("DEIT-RATE").getText(), row("DEIT-RATE").getText().contains("Verified"));
        screenshot("45-grid-phone-390-en");
        browser.manage().window().setSize(new Dimension(1366, 768));
    }
}

package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExamServer;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI shell in a real headless Chromium: the server runs as a Pax Exam server (a real
 * Karaf process), the browser is driven from this JVM through Debian's chromedriver.
 */
@org.junit.FixMethodOrder(org.junit.runners.MethodSorters.NAME_ASCENDING)
public class UiShellIT {
    private static final int HTTP_PORT = MekongTestSupport.freePort();

    @ClassRule
    public static final PaxExamServer SERVER = new PaxExamServer();

    private static WebDriver browser;

    @Configuration
    public Option[] config() {
        return MekongTestSupport.distribution(HTTP_PORT);
    }

    @BeforeClass
    public static void startBrowser() throws Exception {
        browser = Chromium.headless(1280, 800);
        waitForServer();
    }

    private static void waitForServer() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/openapi.json"))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (MekongTestSupport.BOOT_PATHS.stream().allMatch(p -> body.contains("\"" + p + "\""))) {
                    // settled: the JAX-RS whiteboard has stopped rebuilding the application
                    Thread.sleep(MekongTestSupport.STABLE_MILLIS);
                    String again = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            url("/api/openapi.json"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                    if (again.length() == body.length()) {
                        return;
                    }
                }
            } catch (java.io.IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The server did not answer on " + url("/api/"));
    }

    @AfterClass
    public static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String url(String path) {
        return "http://localhost:" + HTTP_PORT + path;
    }

    private static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        File dir = new File(System.getProperty("project.build.directory", "target"), "screenshots");
        dir.mkdirs();
        Files.copy(shot.toPath(), new File(dir, name + ".png").toPath(), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    public void a_anAdministratorLogsInThroughTheShellAndSwitchesLanguage() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(url("/ui/index.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertEquals("Đăng nhập", browser.findElement(By.id("login-button")).getText());
        screenshot("01-login");

        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("wrong password");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertTrue(browser.findElement(By.id("login-error")).getText().contains("Sai"));

        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(MekongTestSupport.ADMIN_PASSWORD);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell-view")));
        assertEquals("Administrator", browser.findElement(By.id("user-name")).getText());
        // The monitoring plugin is installed at boot: its pages are in the menu.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#menu a[data-id='monitoring.dashboard']")));
        assertFalse(browser.findElement(By.id("menu-empty")).isDisplayed());
        screenshot("02-shell-vi");

        browser.findElement(By.id("lang-toggle")).click();
        wait.until(ExpectedConditions.textToBe(By.id("logout-button"), "Sign out"));
        assertEquals("MENU", browser.findElement(By.cssSelector("aside h2")).getText().toUpperCase());
        screenshot("03-shell-en");

        browser.findElement(By.id("logout-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertFalse(browser.findElement(By.id("shell-view")).isDisplayed());
    }

    private static String api(String method, String path, String json) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:"
                        + MekongTestSupport.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String colour(WebDriverWait wait, String code) {
        By cell = By.cssSelector("#indicator-table tr[data-code='" + code + "'] td.colour");
        wait.until(ExpectedConditions.presenceOfElementLocated(cell));
        return browser.findElement(cell).getAttribute("data-colour");
    }

    @Test
    public void b_aReporterEntersAValueAndTheDashboardColourChanges() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!api("GET", "/api/openapi.json", null).contains("/monitoring/overview")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("monitoring did not come up");
            }
            Thread.sleep(250);
        }
        api("POST", "/api/orgunits", "{\"code\":\"UIT\",\"nameVi\":\"Tỉnh thử giao diện\",\"nameEn\":\"UI test province\","
                + "\"level\":\"PROVINCE\",\"parentCode\":\"VN\"}");
        api("POST", "/api/orgunits", "{\"code\":\"UIT-A\",\"nameVi\":\"Xã Thử\",\"nameEn\":\"Test commune\","
                + "\"level\":\"COMMUNE\",\"parentCode\":\"UIT\"}");
        api("POST", "/api/indicators", "{\"code\":\"UIT-RATE\",\"nameVi\":\"Tỷ lệ thử\",\"nameEn\":\"Test rate\","
                + "\"layer\":\"OPERATIONAL\",\"unit\":\"%\",\"periodicity\":\"MONTHLY\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"greenThreshold\":50,\"redThreshold\":20,\"source\":\"MANUAL\"}");
        api("POST", "/api/forms", "{\"code\":\"UIT-FORM\",\"nameVi\":\"Biểu mẫu thử\",\"nameEn\":\"Test form\","
                + "\"periodicity\":\"MONTHLY\",\"dueDays\":10,\"indicators\":[\"UIT-RATE\"],\"orgUnits\":[\"UIT-A\"]}");

        browser.get(url("/ui/index.html"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.setItem('mekong.lang', 'vi')");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(MekongTestSupport.ADMIN_PASSWORD);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#menu a[data-id='monitoring.dashboard']")));

        browser.get(url("/monitoring/dashboard.html?orgUnit=UIT&asOf=202501"));
        assertEquals("NONE", colour(wait, "UIT-RATE"));
        screenshot("10-dashboard-before");

        enter(wait, "10");
        browser.get(url("/monitoring/dashboard.html?orgUnit=UIT&asOf=202501"));
        wait.until(d -> "RED".equals(colour(wait, "UIT-RATE")));
        screenshot("11-dashboard-red");

        enter(wait, "75");
        browser.get(url("/monitoring/dashboard.html?orgUnit=UIT&asOf=202501"));
        wait.until(d -> "GREEN".equals(colour(wait, "UIT-RATE")));
        screenshot("12-dashboard-green");
        // a draft is never shown as a fact: the signed-in reader sees its state beside the value (issue 15 #2)
        assertTrue(browser.findElement(By.cssSelector("#indicator-table tr[data-code='UIT-RATE'] .badge-unverified"))
                .getText().length() > 0);

        // The trend of the selected indicator is drawn by ECharts (a canvas), not the table fallback.
        browser.get(url("/monitoring/dashboard.html?orgUnit=UIT&asOf=202501&indicator=UIT-RATE"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trend-chart canvas")));
        screenshot("14-dashboard-trend");

        // Drill down to the commune in one click.
        browser.findElement(By.cssSelector("#children-table a.drill[data-code='UIT-A']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#breadcrumb a[data-code='UIT']")));
        assertEquals("GREEN", colour(wait, "UIT-RATE"));
        screenshot("13-dashboard-commune");
    }

    /** Enters (or corrects) the test value through the data-entry grid of the unit's form. */
    private static void enter(WebDriverWait wait, String value) throws Exception {
        browser.get(url("/monitoring/entry.html?orgUnit=UIT-A&form=UIT-FORM&period=202501"));
        By input = By.id("value-UIT-RATE");
        wait.until(ExpectedConditions.elementToBeClickable(input));
        wait.until(d -> "202501".equals(d.findElement(By.id("grid-period")).getAttribute("value")));
        browser.findElement(input).clear();
        browser.findElement(input).sendKeys(value);
        browser.findElement(By.id("grid-save")).click();
        wait.until(d -> !d.findElement(By.id("grid-message")).getText().isBlank());
        String message = browser.findElement(By.id("grid-message")).getText();
        assertFalse(message, browser.findElement(By.id("grid-message")).getAttribute("class").contains("error"));
        screenshot("20-entry-" + value);
    }

    @Test
    public void c_aCitizenSendsFeedbackAndFollowsItByTrackingCode() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!api("GET", "/api/openapi.json", null).contains("/feedback/items")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("feedback did not come up");
            }
            Thread.sleep(250);
        }
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        browser.get(url("/feedback/submit.html"));
        js.executeScript("sessionStorage.clear(); localStorage.setItem('mekong.lang', 'vi')");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fb-province option[value='HUE']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("fb-province"))).selectByValue("HUE");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fb-commune option[value='HUE-QUANG-DIEN']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("fb-commune"))).selectByValue("HUE-QUANG-DIEN");
        browser.findElement(By.id("fb-title")).sendKeys("Cổng dịch vụ công không tải được tệp");
        browser.findElement(By.id("fb-content")).sendKeys("Khi nộp hồ sơ trực tuyến, hệ thống báo lỗi tải tệp. "
                + "<script>window.__pwned=1</script>");
        screenshot("30-feedback-form");
        browser.findElement(By.id("fb-send")).click();
        String code = wait.until(d -> {
            String c = d.findElement(By.id("submitted-code")).getText();
            return c.startsWith("PA-") ? c : null;
        });
        screenshot("31-feedback-submitted");

        browser.get(url("/feedback/track.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("track-code"))).sendKeys(code);
        browser.findElement(By.id("track-go")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("track-status"), "data-status", "RECEIVED"));
        assertTrue(browser.findElement(By.id("track-content")).getText().contains("<script>window.__pwned=1</script>"));
        assertEquals("the script was shown, never run", null, js.executeScript("return window.__pwned"));
        screenshot("32-feedback-tracked");

        // staff answer it; the citizen sees the answer on the same page
        api("POST", "/api/feedback/items/" + code + "/classify", "{\"category\":\"DIFFICULTY\",\"field\":\"DIGITAL_TRANSFORMATION\"}");
        api("POST", "/api/feedback/items/" + code + "/assign", "{}");
        api("POST", "/api/feedback/items/" + code + "/answer", "{\"answer\":\"Trung tâm đã khắc phục lỗi tải tệp.\"}");
        browser.get(url("/feedback/track.html?code=" + code));
        wait.until(ExpectedConditions.attributeToBe(By.id("track-status"), "data-status", "ANSWERED"));
        assertEquals("Trung tâm đã khắc phục lỗi tải tệp.", browser.findElement(By.id("track-answer")).getText());
        screenshot("33-feedback-answered");

        browser.get(url("/feedback/stats.html?orgUnit=HUE&from=2025-01-01&to=2025-06-30&asOf=2025-07-01"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#st-table tfoot"), "526"));
        assertEquals("HUE-QUANG-DIEN", browser.findElement(By.cssSelector("#st-table tbody tr")).getAttribute("data-code"));
        screenshot("34-feedback-stats-hue");
    }

    private static void awaitApi(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!api("GET", "/api/openapi.json", null).contains(path)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not come up");
            }
            Thread.sleep(250);
        }
    }

    /** Signs in through the shell's login form (the token lands in sessionStorage for every page). */
    private static void signIn(WebDriverWait wait, String user, String password) {
        browser.get(url("/ui/index.html"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shell-view")));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return MekongTestSupport.JSON.readTree(text);
    }

    @Test
    public void d_aVisitorWalksFromTheHomePageToAnArticleAndSearches() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        awaitApi("/portal/home");
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        browser.get(url("/"));
        js.executeScript("sessionStorage.clear(); localStorage.setItem('mekong.lang', 'vi')");
        browser.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/portal/index.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#latest-news li[data-slug] a")));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#figures .figure-group[data-provider='monitoring'] .figure[data-key='green-share'] .value")));
        assertTrue(browser.findElements(By.cssSelector("#figures .figure-group[data-provider='feedback']")).size() == 1);
        assertTrue(browser.findElements(By.cssSelector("#latest-documents li[data-slug='nghi-quyet-57-nq-tw']")).size() == 1);
        screenshot("40-portal-home");

        String slug = "ra-mat-ba-nen-tang-so-phuc-vu-nghi-quyet-57";
        browser.findElement(By.cssSelector("#latest-news li[data-slug='" + slug + "'] a")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-title"), "Ra mắt ba nền tảng số"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-body"), "Tổng Bí thư Tô Lâm"));
        assertEquals(3, browser.findElements(By.cssSelector("#item-body li")).size());
        screenshot("41-portal-article");

        browser.get(url("/portal/index.html"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("search-q"))).sendKeys("chuyen doi so");
        browser.findElement(By.id("search-q")).submit();
        wait.until(ExpectedConditions.urlContains("/portal/search.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results li[data-slug='" + slug + "']")));
        assertTrue(browser.findElement(By.id("search-count")).getText().matches(".*\\d+.*"));
        screenshot("42-portal-search");

        // readable on a phone: no horizontal scrolling
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(url("/portal/index.html"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#latest-news li[data-slug]")));
            Number scroll = (Number) js.executeScript("return document.documentElement.scrollWidth");
            Number view = (Number) js.executeScript("return document.documentElement.clientWidth");
            assertTrue("page is " + scroll + " px wide on a " + view + " px screen", scroll.intValue() <= view.intValue() + 1);
            screenshot("43-portal-home-phone");
            browser.get(url("/portal/item.html?slug=" + slug));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("item-body"), "Tổng Bí thư Tô Lâm"));
            scroll = (Number) js.executeScript("return document.documentElement.scrollWidth");
            assertTrue("article is " + scroll + " px wide", scroll.intValue() <= view.intValue() + 1);
            screenshot("44-portal-article-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }

    @Test
    public void e_anEditorWritesAnArticleAReviewerPublishesItAndItAppearsOnTheHomePage() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        awaitApi("/portal/manage/items");
        api("POST", "/api/users", "{\"username\":\"ui-editor\",\"displayName\":\"Biên tập viên\",\"password\":"
                + "\"ui-editor-password-1\",\"roles\":[\"EDITOR\"],\"orgUnits\":[\"VN\"]}");
        api("POST", "/api/users", "{\"username\":\"ui-reviewer\",\"displayName\":\"Người duyệt\",\"password\":"
                + "\"ui-reviewer-password-1\",\"roles\":[\"REVIEWER\"],\"orgUnits\":[\"VN\"]}");
        String title = "Cổng thông tin mở chuyên mục hỏi đáp về Nghị quyết 57";

        signIn(wait, "ui-editor", "ui-editor-password-1");
        browser.get(url("/portal/admin.html"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-item"))).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-kind"))).selectByValue("ARTICLE");
        browser.findElement(By.id("f-title-vi")).sendKeys(title);
        browser.findElement(By.id("f-title-en")).sendKeys("The portal opens a Q&A section on Resolution 57");
        browser.findElement(By.id("f-summary-vi")).sendKeys("Người dân gửi câu hỏi, chuyên gia trả lời công khai.");
        org.openqa.selenium.WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#f-body-vi .ql-editor")));
        editor.click();
        editor.sendKeys("Chuyên mục hỏi đáp bắt đầu từ hôm nay.");
        screenshot("45-portal-editor-draft");
        browser.findElement(By.id("save")).click();
        String q = java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        com.fasterxml.jackson.databind.JsonNode item = null;
        while (item == null) {
            com.fasterxml.jackson.databind.JsonNode page = json(api("GET", "/api/portal/manage/items?q=" + q, null));
            if (page.get("total").asInt() == 1) {
                item = page.get("items").get(0);
            } else {
                assertTrue("the editor's save did not reach the server", System.nanoTime() < deadline);
                Thread.sleep(250);
            }
        }
        long id = item.get("id").asLong();
        String slug = item.get("slug").asText();
        assertEquals("DRAFT", item.get("status").asText());
        assertTrue(json(api("GET", "/api/portal/manage/items/" + id, null)).get("bodyVi").asText()
                .contains("Chuyên mục hỏi đáp bắt đầu từ hôm nay."));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("submit-review"))).click();
        awaitStatus(id, "IN_REVIEW");
        screenshot("46-portal-editor-submitted");

        signIn(wait, "ui-reviewer", "ui-reviewer-password-1");
        browser.get(url("/portal/admin.html"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#items tbody tr[data-id='" + id + "']"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("f-title-vi"), "value", title));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("publish"))).click();
        awaitStatus(id, "PUBLISHED");
        screenshot("47-portal-reviewer-published");

        browser.get(url("/portal/index.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#latest-news li[data-slug='" + slug + "']")));
        assertTrue(browser.findElement(By.cssSelector("#latest-news li[data-slug='" + slug + "'] a")).getText().contains(title));
        screenshot("48-portal-home-with-new-article");
    }

    private static void awaitStatus(long id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!status.equals(json(api("GET", "/api/portal/manage/items/" + id, null)).get("status").asText())) {
            assertTrue("item " + id + " did not become " + status, System.nanoTime() < deadline);
            Thread.sleep(250);
        }
    }

    /**
     * Hue's plugin, installed live through the admin API: its page lists its indicators and ranks the
     * commune centres of the demo year by resolution rate with traffic-light bars; a bad year is
     * answered in words; after uninstalling, the page is gone.
     */
    @Test
    public void f_huesWidgetRanksItsCommuneCentresOnceThePluginIsInstalled() throws Exception {
        api("POST", "/api/plugins/mekong-province-hue/install", "{}");
        awaitHttp("/api/hue", 200);
        awaitHttp("/hue/index.html", 200);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(url("/hue/index.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#indicators li")));
        assertTrue(browser.findElement(By.id("indicators")).getText().contains("HUE-CENTRE-RESOLUTION-RATE"));
        wait.until(d -> !d.findElement(By.id("centres-note")).getText().isBlank()); // this year's answer came
        org.openqa.selenium.WebElement year = browser.findElement(By.id("year"));
        year.clear();
        year.sendKeys("2025", org.openqa.selenium.Keys.TAB);
        wait.until(d -> d.findElement(By.id("centres-note")).getText().contains("2025"));
        java.util.List<org.openqa.selenium.WebElement> rows = browser.findElements(By.cssSelector("#centres tbody tr"));
        assertTrue("the demo's Hue communes have 2025 feedback", rows.size() > 0);
        assertTrue(browser.findElement(By.id("centres-note")).getText().contains("/ 40"));
        // ranked: the first bar is at least as long as the last, and each bar carries its colour
        double first = Double.parseDouble(rows.get(0).findElement(By.cssSelector(".meter")).getAttribute("aria-label").replace("%", ""));
        double last = Double.parseDouble(rows.get(rows.size() - 1).findElement(By.cssSelector(".meter")).getAttribute("aria-label").replace("%", ""));
        assertTrue(first + " >= " + last, first >= last);
        assertTrue(rows.get(0).findElement(By.cssSelector(".meter")).getAttribute("class").matches("meter (green|amber|red)"));
        screenshot("50-hue-centres-widget");
        year.clear();
        year.sendKeys("1", org.openqa.selenium.Keys.TAB);
        wait.until(d -> d.findElement(By.id("centres-note")).getText().contains("2000"));
        assertEquals(0, browser.findElements(By.cssSelector("#centres tbody tr")).size());

        api("POST", "/api/plugins/mekong-province-hue/uninstall", "{}");
        awaitHttp("/api/hue", 404);
        awaitHttp("/hue/index.html", 404);
    }

    private static void awaitHttp(String path, int status) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path))).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " did not answer " + status + "; last " + last);
    }

    /** Uploads a small text file as evidence of a data value (as admin). */
    private static void evidence(String ownerKey, String fileName, String text) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(
                "/api/monitoring/evidence?ownerType=DATAVALUE&ownerKey=" + ownerKey + "&fileName=" + fileName)))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:"
                        + MekongTestSupport.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(text)).build();
        int status = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        assertTrue("evidence upload: " + status, status < 300);
    }

    private static String state(String indicator, String unit, String period) throws Exception {
        return json(api("GET", "/api/datavalues?indicator=" + indicator + "&orgUnit=" + unit + "&period=" + period, null))
                .get("items").get(0).get("state").asText();
    }

    private static org.openqa.selenium.WebElement queueRow(WebDriverWait wait, String key) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue-table tr[data-key='" + key + "']")));
    }

    /**
     * The verification queue (issue 15 #6): a verifier of the province sees the communes' submitted
     * values with the previous period, the outlier badge and the evidence, verifies two at once, and
     * rejects the third with a reason typed in the dialog (Esc closes it without a change); at
     * 1366 px and at a phone's 390 px.
     */
    @Test
    public void g_aVerifierVerifiesTwoValuesAtOnceAndRejectsOneWithAReasonInTheDialog() throws Exception {
        awaitApi("/monitoring/verification");
        api("POST", "/api/orgunits", "{\"code\":\"UIQ\",\"nameVi\":\"Tỉnh thử xác minh\",\"nameEn\":\"Verification test province\","
                + "\"level\":\"PROVINCE\",\"parentCode\":\"VN\"}");
        for (String c : new String[] { "A", "B" }) {
            api("POST", "/api/orgunits", "{\"code\":\"UIQ-" + c + "\",\"nameVi\":\"Xã Thử " + c + "\",\"nameEn\":\"Test commune "
                    + c + "\",\"level\":\"COMMUNE\",\"parentCode\":\"UIQ\"}");
        }
        api("POST", "/api/indicators", "{\"code\":\"UIQ-RATE\",\"nameVi\":\"Tỷ lệ hồ sơ trực tuyến thử\",\"nameEn\":"
                + "\"Test online dossier rate\",\"layer\":\"OPERATIONAL\",\"unit\":\"%\",\"periodicity\":\"MONTHLY\","
                + "\"direction\":\"HIGHER_IS_BETTER\",\"greenThreshold\":50,\"redThreshold\":20,\"source\":\"MANUAL\"}");
        api("POST", "/api/indicators", "{\"code\":\"UIQ-COUNT\",\"nameVi\":\"Số thủ tục thử\",\"nameEn\":\"Test procedures\","
                + "\"layer\":\"OPERATIONAL\",\"unit\":\"count\",\"periodicity\":\"MONTHLY\",\"direction\":\"HIGHER_IS_BETTER\","
                + "\"greenThreshold\":10,\"redThreshold\":2,\"source\":\"MANUAL\"}");
        api("POST", "/api/users", "{\"username\":\"ui-verifier\",\"displayName\":\"Người xác minh\",\"password\":"
                + "\"ui-verifier-password-1\",\"roles\":[\"VERIFIER\"],\"orgUnits\":[\"UIQ\"]}");
        api("POST", "/api/datavalues/batch", "{\"values\":["
                + "{\"indicator\":\"UIQ-RATE\",\"orgUnit\":\"UIQ-A\",\"period\":\"202501\",\"value\":50},"
                + "{\"indicator\":\"UIQ-RATE\",\"orgUnit\":\"UIQ-A\",\"period\":\"202502\",\"value\":52},"
                + "{\"indicator\":\"UIQ-RATE\",\"orgUnit\":\"UIQ-A\",\"period\":\"202503\",\"value\":51},"
                + "{\"indicator\":\"UIQ-RATE\",\"orgUnit\":\"UIQ-A\",\"period\":\"202504\",\"value\":95,"
                + "\"comment\":\"Trung tâm mới đi vào hoạt động\"},"
                + "{\"indicator\":\"UIQ-COUNT\",\"orgUnit\":\"UIQ-A\",\"period\":\"202504\",\"value\":7},"
                + "{\"indicator\":\"UIQ-RATE\",\"orgUnit\":\"UIQ-B\",\"period\":\"202503\",\"value\":38},"
                + "{\"indicator\":\"UIQ-RATE\",\"orgUnit\":\"UIQ-B\",\"period\":\"202504\",\"value\":40}]}");
        api("POST", "/api/datavalues/submit", "{\"orgUnit\":\"UIQ-A\",\"period\":\"202504\"}");
        api("POST", "/api/datavalues/submit", "{\"orgUnit\":\"UIQ-B\",\"period\":\"202504\"}");
        evidence("UIQ-RATE/UIQ-A/202504", "bien-ban-hop.txt", "Biên bản họp ngày 30/4");

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        try {
            signIn(wait, "ui-verifier", "ui-verifier-password-1");
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("localStorage.setItem('mekong.lang', 'vi')");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#menu a[data-id='monitoring.verify']")))
                    .click();
            wait.until(ExpectedConditions.urlContains("/monitoring/verify.html"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#filter-orgunit option[value='UIQ-A']")));
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-orgunit"))).selectByValue("UIQ");
            browser.findElement(By.id("filter-apply")).click();
            org.openqa.selenium.WebElement outlier = queueRow(wait, "UIQ-RATE/UIQ-A/202504");
            wait.until(d -> d.findElements(By.cssSelector("#queue-table tbody tr[data-key]")).size() == 3);
            assertTrue(outlier.getText(), outlier.findElement(By.cssSelector(".badge.outlier")).isDisplayed());
            assertTrue(outlier.getText(), outlier.getText().contains("202503"));
            assertEquals("bien-ban-hop.txt", outlier.findElement(By.cssSelector("td.files a.evidence")).getText());
            assertTrue(browser.findElement(By.id("queue-caption")).getText().contains("3"));
            screenshot("60-verify-queue-1366");

            // two values at once
            queueRow(wait, "UIQ-RATE/UIQ-A/202504").findElement(By.cssSelector("input.pick")).click();
            queueRow(wait, "UIQ-COUNT/UIQ-A/202504").findElement(By.cssSelector("input.pick")).click();
            assertEquals("Đã chọn 2", browser.findElement(By.id("selected-count")).getText());
            browser.findElement(By.id("verify-selected")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-message"), "Đã xác minh 2 giá trị"));
            wait.until(d -> d.findElements(By.cssSelector("#queue-table tbody tr[data-key]")).size() == 1);
            assertEquals("VERIFIED", state("UIQ-RATE", "UIQ-A", "202504"));
            assertEquals("VERIFIED", state("UIQ-COUNT", "UIQ-A", "202504"));
            screenshot("61-verify-two-verified");

            // the rejection dialog: Esc closes it and nothing changes
            browser.findElement(By.id("select-all")).click();
            browser.findElement(By.id("reject-selected")).click();
            org.openqa.selenium.WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reject-dialog")));
            assertEquals("reject-reason", browser.switchTo().activeElement().getAttribute("id"));
            browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
            wait.until(ExpectedConditions.invisibilityOf(dialog));
            assertEquals("SUBMITTED", state("UIQ-RATE", "UIQ-B", "202504"));

            // an empty reason is refused in the dialog; a typed one rejects
            browser.findElement(By.id("reject-selected")).click();
            wait.until(ExpectedConditions.visibilityOf(dialog));
            browser.findElement(By.id("reject-reason")).sendKeys("   ");
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "document.getElementById('reject-form').requestSubmit()");
            wait.until(ExpectedConditions.textToBe(By.id("reject-error"), "Cần nêu lý do trả lại."));
            assertTrue(dialog.isDisplayed());
            assertEquals("SUBMITTED", state("UIQ-RATE", "UIQ-B", "202504"));
            org.openqa.selenium.WebElement reason = browser.findElement(By.id("reject-reason"));
            reason.clear();
            reason.sendKeys("Số liệu chưa khớp với biên bản");
            screenshot("62-verify-reject-dialog");
            browser.findElement(By.id("reject-confirm")).click();
            wait.until(ExpectedConditions.invisibilityOf(dialog));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue-message"), "Đã trả lại 1 giá trị"));
            com.fasterxml.jackson.databind.JsonNode rejected = json(api("GET",
                    "/api/datavalues?indicator=UIQ-RATE&orgUnit=UIQ-B&period=202504", null)).get("items").get(0);
            assertEquals("REJECTED", rejected.get("state").asText());
            assertEquals("Số liệu chưa khớp với biên bản", rejected.get("reason").asText());
            wait.until(d -> d.findElements(By.cssSelector("#queue-table tbody tr[data-key]")).isEmpty());

            // the decided values under their states, and the phone layout as cards
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-state"))).selectByValue("VERIFIED");
            wait.until(d -> d.findElements(By.cssSelector("#queue-table tbody tr[data-key]")).size() == 2);
            screenshot("63-verify-verified-filter");
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#filter-orgunit option[value='UIQ-A']")));
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-state"))).selectByValue("VERIFIED");
            wait.until(d -> d.findElements(By.cssSelector("#queue-table tbody tr[data-key]")).size() == 2);
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth > window.innerWidth");
            assertEquals("no horizontal scrolling at 390 px", Boolean.FALSE, overflow);
            screenshot("64-verify-phone");
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                    browser.findElement(By.id("queue-heading")));
            assertEquals("Giá trị đã xác minh", browser.findElement(By.id("queue-heading")).getText());
            screenshot("65-verify-phone-cards");
            browser.findElement(By.id("lang-toggle")).click();
            wait.until(ExpectedConditions.textToBe(By.id("queue-heading"), "Verified values"));
            assertEquals("Verify selected", browser.findElement(By.id("verify-selected")).getText());
            screenshot("66-verify-phone-en");
            browser.findElement(By.id("lang-toggle")).click();
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        }
    }
}

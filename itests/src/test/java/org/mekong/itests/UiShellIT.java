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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("mekong.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("mekong.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=vi");
        browser = new ChromeDriver(service, options);
        waitForServer();
    }

    private static void waitForServer() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/openapi.json"))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"/auth/login\"") && body.contains("\"/me\"") && body.contains("\"/ui/contributions\"")) {
                    return;
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
        browser.get(url("/"));
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

        browser.get(url("/"));
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

    /** Enters (or corrects) the test value through the data-entry form. */
    private static void enter(WebDriverWait wait, String value) throws Exception {
        browser.get(url("/monitoring/entry.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#entry-indicator option[value='UIT-RATE']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("entry-indicator"))).selectByValue("UIT-RATE");
        for (String[] f : new String[][] { { "entry-orgunit", "UIT-A" }, { "entry-period", "202501" }, { "entry-value", value } }) {
            browser.findElement(By.id(f[0])).clear();
            browser.findElement(By.id(f[0])).sendKeys(f[1]);
        }
        browser.findElement(By.id("entry-save")).click();
        wait.until(d -> !d.findElement(By.id("entry-message")).getText().isBlank());
        String message = browser.findElement(By.id("entry-message")).getText();
        assertFalse(message, browser.findElement(By.id("entry-message")).getAttribute("class").contains("error"));
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
}

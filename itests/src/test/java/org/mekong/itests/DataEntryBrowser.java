package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The headless Chromium of DataEntryIT (set up as UiShellIT does) and what it reads from the entry grid. */
final class DataEntryBrowser {
    static WebDriver browser;

    private DataEntryBrowser() {
    }

    static void start() {
        browser = Chromium.headless(1366, 768);
    }

    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Picks the unit in the tree, the form and the period, and waits for that period's grid. */
    static void openGrid(WebDriverWait wait, String unit, String form, String period) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#unit-tree button.pick[data-code='" + unit
                + "']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#grid-form option[value='" + form + "']")));
        new Select(browser.findElement(By.id("grid-form"))).selectByValue(form);
        new Select(browser.findElement(By.id("grid-period"))).selectByValue(period);
        wait.until(d -> d.findElement(By.id("grid-caption")).getText().endsWith(period)
                && !d.findElements(By.cssSelector("#grid tbody tr[data-indicator]")).isEmpty());
    }

    static void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        File dir = new File(System.getProperty("project.build.directory", "target"), "screenshots");
        dir.mkdirs();
        Files.copy(shot.toPath(), new File(dir, name + ".png").toPath(), StandardCopyOption.REPLACE_EXISTING);
    }

    static String url(String path) {
        return MekongTestSupport.base() + path;
    }

    static WebElement row(String indicator) {
        return browser.findElement(By.cssSelector("#grid tr[data-indicator='" + indicator + "']"));
    }

    /** Nothing wider than the window, and in each row the value and comment inputs do not overlap. */
    static void assertLayout(int width) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        assertTrue("page " + scroll + " px wide at " + width, scroll <= width);
        Object overlaps = js.executeScript("const out = []; document.querySelectorAll('#grid tbody tr').forEach(tr => {"
                + "const cells = [...tr.children].map(td => td.getBoundingClientRect());"
                + "for (let i = 0; i < cells.length; i++) for (let j = i + 1; j < cells.length; j++) {"
                + "const a = cells[i], b = cells[j]; if (a.width && b.width && a.left < b.right - 1 && b.left < a.right - 1"
                + " && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(tr.dataset.indicator + ':' + i + '/' + j); }"
                + "tr.querySelectorAll('input').forEach(input => { const r = input.getBoundingClientRect();"
                + "const td = input.closest('td').getBoundingClientRect(); if (r.right > td.right + 1 || r.left < td.left - 1)"
                + " out.push(tr.dataset.indicator + ':input'); }); }); return out.join(',');");
        assertEquals("overlapping cells at " + width + " px", "", overlaps);
    }

}

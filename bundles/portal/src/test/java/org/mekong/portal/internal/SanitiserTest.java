package org.mekong.portal.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class SanitiserTest {

    @Test
    public void keepsTheEditorsStructureAndRemovesActiveContent() {
        String html = "<h2>Tiêu đề</h2><p class=\"ql-align-center\">Đoạn <strong>đậm</strong> <em>nghiêng</em></p>"
                + "<ol><li>Một</li></ol><blockquote>Trích</blockquote>"
                + "<p onmouseover=\"x()\">A<script>alert(1)</script><a href=\"javascript:alert(1)\">j</a>"
                + "<a href=\"https://example.vn\">ok</a><img src=\"data:image/png;base64,AAAA\"></p>";
        String clean = Sanitiser.clean(html);
        assertTrue(clean, clean.startsWith("<h2>Tiêu đề</h2><p class=\"ql-align-center\">Đoạn <strong>đậm</strong>"));
        assertTrue(clean, clean.contains("<ol><li>Một</li></ol><blockquote>Trích</blockquote>"));
        assertTrue(clean, clean.contains("<a href=\"https://example.vn\" rel=\"noopener noreferrer nofollow\">ok</a>"));
        for (String bad : new String[] { "script", "onmouseover", "javascript", "data:" }) {
            assertFalse(bad + " in " + clean, clean.contains(bad));
        }
        assertTrue(Sanitiser.changed(html));
    }

    @Test
    public void cleanHtmlIsNotReportedAndEmptyBecomesNull() {
        assertFalse(Sanitiser.changed("<p>Đoạn <a href=\"https://example.vn\">liên kết</a></p>"));
        assertFalse(Sanitiser.changed("<p><img src=\"/api/portal/files/3\"></p>"));
        assertEquals("<p><img src=\"/api/portal/files/3\"></p>", Sanitiser.clean("<p><img src=\"/api/portal/files/3\"></p>"));
        assertNull(Sanitiser.clean("  "));
        assertNull(Sanitiser.clean("<script>only()</script>"));
        assertEquals("a b", Sanitiser.text("<p>a</p> <p>b</p>"));
    }

    @Test
    public void slugsAreFoldedReadableAndBounded() {
        assertEquals("ra-mat-ba-nen-tang-so-phuc-vu-nghi-quyet-57-nq-tw",
                PortalService.slugOf("Ra mắt ba nền tảng số phục vụ Nghị quyết 57-NQ/TW"));
        assertEquals("dong-chi-dang-uy", PortalService.slugOf("  Đồng chí Đảng ủy!  "));
        assertEquals("item", PortalService.slugOf("!!!"));
        String longSlug = PortalService.slugOf("Một tiêu đề rất dài ".repeat(20));
        assertTrue(longSlug, longSlug.length() <= 80 && !longSlug.endsWith("-"));
    }
}

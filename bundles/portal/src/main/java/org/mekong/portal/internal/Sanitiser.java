package org.mekong.portal.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Cleans the HTML of item bodies with jsoup's allow-list cleaner: the structure a rich-text editor
 * produces (paragraphs, headings, lists, emphasis, links, images, tables, quotes) stays; scripts,
 * event handlers, styles, frames, forms and {@code javascript:} links go. Links get
 * {@code rel="noopener noreferrer nofollow"}; relative links (to the portal's own files) are kept.
 */
final class Sanitiser {
    private static final String BASE = "https://portal.invalid/";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]");
    private static final Safelist SAFE = Safelist.relaxed()
            .addTags("figure", "figcaption", "hr", "s")
            .addAttributes(":all", "class")
            .addAttributes("a", "rel", "target")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(true);

    private Sanitiser() {
    }

    /** The cleaned HTML (null stays null, blank becomes null). */
    static String clean(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false)
                .escapeMode(Entities.EscapeMode.base).charset("UTF-8");
        String cleaned = Jsoup.clean(CONTROL.matcher(html).replaceAll(""), BASE, SAFE, out).trim();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** Whether cleaning removes anything (a tag, an attribute, a protocol) from the HTML. */
    static boolean changed(String original) {
        return original != null && !original.isBlank()
                && !new Cleaner(SAFE).isValid(Jsoup.parseBodyFragment(original, BASE));
    }

    /** The plain text of some HTML (for search and feeds). */
    static String text(String html) {
        return html == null ? "" : Jsoup.parseBodyFragment(html).text();
    }
}

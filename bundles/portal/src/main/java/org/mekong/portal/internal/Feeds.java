package org.mekong.portal.internal;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Vocab.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.mekong.web.api.PublicAddress;

/**
 * RSS 2.0 and Atom 1.0 feeds of the latest published items, written with the JDK's StAX writer
 * (so every text is escaped by the XML library, never by hand). Links point at the public item
 * page under the server's public address ({@code public.url} of {@code org.mekong.web.security}), or
 * the address the request came in on.
 */
@Component(service = Feeds.class, configurationPid = PortalConfig.PID)
public class Feeds {
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final PortalService portal;
    private final PublicAddress address;
    private volatile int size;

    @Activate
    public Feeds(@Reference PortalService portal, @Reference PublicAddress address, PortalConfig config) {
        this.portal = portal;
        this.address = address;
        configure(config);
    }

    @Modified
    void configure(PortalConfig config) {
        size = Math.max(1, Math.min(200, config.feed_size()));
    }

    /** The site address for links: the configured public one, else requestBase (scheme://host:port). */
    String base(String requestBase) {
        return address.base(requestBase);
    }

    public String rss(String requestBase, String lang, String kind) {
        boolean en = "en".equals(lang);
        Kind k = kind == null || kind.isBlank() ? null : PortalService.enumOf(Kind.class, "kind", kind);
        List<Row> rows = portal.latest(k, size);
        String site = base(requestBase);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("rss");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("atom", ATOM);
            w.writeStartElement("channel");
            text(w, "title", title(en, k));
            text(w, "link", site + "/portal/index.html");
            text(w, "description", en ? "News, documents and activities on Resolution 57-NQ/TW"
                    : "Tin tức, văn bản và hoạt động về Nghị quyết 57-NQ/TW");
            text(w, "language", en ? "en" : "vi");
            w.writeEmptyElement("atom", "link", ATOM);
            w.writeAttribute("href", site + "/api/portal/feed.rss" + query(lang, k));
            w.writeAttribute("rel", "self");
            w.writeAttribute("type", "application/rss+xml");
            if (!rows.isEmpty()) {
                text(w, "lastBuildDate", rfc1123(rows.get(0).publishedAt()));
            }
            for (Row r : rows) {
                w.writeStartElement("item");
                text(w, "title", pick(en, r.titleEn(), r.titleVi()));
                text(w, "link", link(site, r));
                text(w, "description", description(en, r));
                w.writeStartElement("guid");
                w.writeAttribute("isPermaLink", "false");
                w.writeCharacters("urn:mekong:portal:item:" + r.id());
                w.writeEndElement();
                text(w, "pubDate", rfc1123(r.publishedAt()));
                text(w, "category", r.kind().name());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the RSS feed", e);
        }
        return out.toString();
    }

    public String atom(String requestBase, String lang, String kind) {
        boolean en = "en".equals(lang);
        Kind k = kind == null || kind.isBlank() ? null : PortalService.enumOf(Kind.class, "kind", kind);
        List<Row> rows = portal.latest(k, size);
        String site = base(requestBase);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(ATOM);
            w.writeStartElement(ATOM, "feed");
            w.writeDefaultNamespace(ATOM);
            w.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", en ? "en" : "vi");
            text(w, "id", "urn:mekong:portal:feed:" + (k == null ? "all" : k.name().toLowerCase()) + ":" + (en ? "en" : "vi"));
            text(w, "title", title(en, k));
            Instant updated = rows.stream().map(Row::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
            text(w, "updated", iso(updated));
            link(w, "self", site + "/api/portal/feed.atom" + query(lang, k), "application/atom+xml");
            link(w, "alternate", site + "/portal/index.html", "text/html");
            w.writeStartElement(ATOM, "author");
            text(w, "name", en ? "Mekong portal" : "Cổng thông tin Mekong");
            w.writeEndElement();
            for (Row r : rows) {
                w.writeStartElement(ATOM, "entry");
                text(w, "id", "urn:mekong:portal:item:" + r.id());
                text(w, "title", pick(en, r.titleEn(), r.titleVi()));
                text(w, "updated", iso(r.updatedAt()));
                text(w, "published", iso(r.publishedAt()));
                link(w, "alternate", link(site, r), "text/html");
                w.writeStartElement(ATOM, "summary");
                w.writeAttribute("type", "text");
                w.writeCharacters(description(en, r));
                w.writeEndElement();
                w.writeEmptyElement(ATOM, "category");
                w.writeAttribute("term", r.kind().name());
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the Atom feed", e);
        }
        return out.toString();
    }

    private static String title(boolean en, Kind k) {
        String what = k == null ? (en ? "latest" : "tin mới") : switch (k) {
            case ARTICLE -> en ? "news" : "tin tức";
            case DOCUMENT -> en ? "documents" : "văn bản";
            case ACTIVITY -> en ? "activities" : "hoạt động";
        };
        return (en ? "Mekong portal — " : "Cổng thông tin Mekong — ") + what;
    }

    private static String query(String lang, Kind k) {
        StringBuilder q = new StringBuilder();
        if (lang != null && !lang.isBlank()) {
            q.append("?lang=").append(URLEncoder.encode(lang, StandardCharsets.UTF_8));
        }
        if (k != null) {
            q.append(q.length() == 0 ? "?" : "&").append("kind=").append(k.name());
        }
        return q.toString();
    }

    private static String link(String site, Row r) {
        return site + "/portal/item.html?slug=" + URLEncoder.encode(r.slug(), StandardCharsets.UTF_8);
    }

    private static String description(boolean en, Row r) {
        String s = pick(en, r.summaryEn(), r.summaryVi());
        if (s == null || s.isBlank()) {
            s = Sanitiser.text(pick(en, r.bodyEn(), r.bodyVi()));
            if (s.length() > 500) {
                s = s.substring(0, 497) + "…";
            }
        }
        return s == null ? "" : s;
    }

    private static String pick(boolean en, String english, String vietnamese) {
        return en && english != null && !english.isBlank() ? english : vietnamese;
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(value == null ? "" : value);
        w.writeEndElement();
    }

    private static void link(XMLStreamWriter w, String rel, String href, String type) throws XMLStreamException {
        w.writeEmptyElement(ATOM, "link");
        w.writeAttribute("rel", rel);
        w.writeAttribute("href", href);
        w.writeAttribute("type", type);
    }

    private static String rfc1123(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format((t == null ? Instant.EPOCH : t).atOffset(ZoneOffset.UTC));
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t == null ? Instant.EPOCH : t);
    }
}

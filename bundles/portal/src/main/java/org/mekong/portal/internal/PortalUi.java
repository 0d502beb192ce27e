package org.mekong.portal.internal;

import org.mekong.core.spi.MenuEntry;
import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The portal's pages (served at {@code /portal/*}), the rich-text editor's files
 * ({@code /portal/lib/*}, from the Quill WebJar) and the menu entries. The home entry carries
 * {@code mekong.ui.home=true}, so the site root leads to the portal while it is installed.
 */
public final class PortalUi {
    private PortalUi() {
    }

    static final String EDITORS = "EDITOR,REVIEWER";

    @Component(service = Pages.class)
    @HttpWhiteboardResource(pattern = "/portal/*", prefix = "/web")
    public static class Pages {
    }

    @Component(service = Editor.class)
    @HttpWhiteboardResource(pattern = "/portal/lib/*", prefix = WebJarPaths.QUILL_DIST)
    public static class Editor {
    }

    @Component(service = UiContribution.class, property = "mekong.ui.home=true")
    public static class Home extends MenuEntry {
        public Home() {
            super("portal.home", "Cổng thông tin", "Portal", "/portal/index.html", 5, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Documents extends MenuEntry {
        public Documents() {
            super("portal.documents", "Văn bản", "Documents", "/portal/documents.html", 6, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Search extends MenuEntry {
        public Search() {
            super("portal.search", "Tìm kiếm", "Search", "/portal/search.html", 7, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Admin extends MenuEntry {
        public Admin() {
            super("portal.admin", "Biên tập nội dung", "Content editing", "/portal/admin.html", 8, EDITORS);
        }
    }
}

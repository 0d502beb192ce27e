package org.mekong.feedback.internal;

import org.mekong.core.spi.MenuEntry;
import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** The feedback pages (served at {@code /feedback/*}) and their menu entries in the UI shell. */
public final class FeedbackUi {
    private FeedbackUi() {
    }

    static final String STAFF = "MODERATOR,REPORTER,VERIFIER,LEADER,CENTRAL_IT";
    static final String DISCUSSION = "MODERATOR,LEADER,EXPERT,CENTRAL_IT,REPORTER,VERIFIER";

    /** Static pages from this bundle. */
    @Component(service = Pages.class)
    @HttpWhiteboardResource(pattern = "/feedback/*", prefix = "/web")
    public static class Pages {
    }

    @Component(service = UiContribution.class)
    public static class Submit extends MenuEntry {
        public Submit() {
            super("feedback.submit", "Gửi phản ánh, kiến nghị", "Send feedback", "/feedback/submit.html", 50, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Track extends MenuEntry {
        public Track() {
            super("feedback.track", "Tra cứu phản ánh", "Track feedback", "/feedback/track.html", 51, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Answers extends MenuEntry {
        public Answers() {
            super("feedback.answers", "Kết quả trả lời", "Published answers", "/feedback/answers.html", 52, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Stats extends MenuEntry {
        public Stats() {
            super("feedback.stats", "Thống kê phản ánh", "Feedback statistics", "/feedback/stats.html", 53, null);
        }
    }

    @Component(service = UiContribution.class)
    public static class Inbox extends MenuEntry {
        public Inbox() {
            super("feedback.inbox", "Xử lý phản ánh", "Feedback inbox", "/feedback/inbox.html", 54, STAFF);
        }
    }

    @Component(service = UiContribution.class)
    public static class Discussion extends MenuEntry {
        public Discussion() {
            super("feedback.discussion", "Diễn đàn trao đổi", "Discussion space", "/feedback/discussion.html", 55,
                    DISCUSSION);
        }
    }
}

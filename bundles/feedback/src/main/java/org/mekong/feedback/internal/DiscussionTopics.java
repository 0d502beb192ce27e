package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.DiscussionService.Comment;
import org.mekong.feedback.internal.DiscussionService.Link;
import org.mekong.feedback.internal.DiscussionService.LinkInput;
import org.mekong.feedback.internal.DiscussionService.Topic;
import org.mekong.feedback.internal.DiscussionService.TopicSummary;

/** Topics in a space: listing, opening a topic with its links to feedback items and indicators, and its thread. */
final class DiscussionTopics {
    private final DataSource ds;
    private final IndicatorRegistry indicators;
    private final FeedbackService feedback;
    private final AuditService audit;
    private final DiscussionSpaces spaces;

    DiscussionTopics(DataSource ds, IndicatorRegistry indicators, FeedbackService feedback, AuditService audit,
            DiscussionSpaces spaces) {
        this.ds = ds;
        this.indicators = indicators;
        this.feedback = feedback;
        this.audit = audit;
        this.spaces = spaces;
    }

    Page<TopicSummary> topics(Caller caller, String space, int offset, int limit) {
        spaces.access(caller, space);
        return Jdbc.read(ds, c -> {
            long total = Jdbc.count(c, "SELECT COUNT(*) FROM DS_TOPIC WHERE SPACE_CODE = ?", space);
            List<TopicSummary> items = new ArrayList<>();
            for (TopicSummary t : Jdbc.list(c, "SELECT ID, SPACE_CODE, TITLE, AUTHOR, CREATED_AT, LAST_ACTIVITY, LOCKED, "
                    + "LOCK_REASON, (SELECT COUNT(*) FROM DS_COMMENT C WHERE C.TOPIC_ID = T.ID) FROM DS_TOPIC T WHERE "
                    + "SPACE_CODE = ? ORDER BY LAST_ACTIVITY DESC, ID DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit
                    + " ROWS ONLY", rs -> new TopicSummary(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), Jdbc.getInstant(rs, "CREATED_AT"), Jdbc.getInstant(rs, "LAST_ACTIVITY"),
                            rs.getLong(9), rs.getBoolean(7), rs.getString(8), List.of()), space)) {
                items.add(new TopicSummary(t.id(), t.space(), t.title(), t.author(), t.createdAt(), t.lastActivity(),
                        t.comments(), t.locked(), t.lockReason(), links(c, t.id())));
            }
            return new Page<>(items, total, offset, limit);
        });
    }

    Topic createTopic(Caller caller, String space, String title, String body, List<LinkInput> links) {
        spaces.access(caller, space);
        List<ErrorDetail> problems = new ArrayList<>();
        String t = FeedbackService.clean(title);
        String b = FeedbackService.clean(body);
        if (t == null || t.length() < 5 || t.length() > 200) {
            problems.add(new ErrorDetail("title", "a title of 5 to 200 characters is required"));
        }
        if (b == null || b.length() > 8000) {
            problems.add(new ErrorDetail("body", "a text of 1 to 8000 characters is required"));
        }
        List<LinkInput> checked = checkLinks(links, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The topic cannot be created", problems);
        }
        Instant now = Instant.now();
        long id = Jdbc.write(ds, c -> {
            long topic = Jdbc.insert(c, "INSERT INTO DS_TOPIC (SPACE_CODE, TITLE, BODY, AUTHOR, CREATED_AT, LAST_ACTIVITY) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", space, t, b, caller.username(), now, now);
            for (LinkInput l : checked) {
                Jdbc.update(c, "INSERT INTO DS_LINK (TOPIC_ID, LINK_TYPE, LINK_KEY) VALUES (?, ?, ?)", topic, l.type(),
                        l.key());
            }
            DiscussionNotifications.notifyMentions(c, space, topic, null, caller.username(), b, Set.of(), now);
            return topic;
        });
        audit.record(caller.username(), "DiscussionTopic", Long.toString(id), "CREATE", null, Map.of("title", t));
        return topic(caller, id);
    }

    /** The links that name an existing feedback item or indicator; a problem for each one that does not. */
    private List<LinkInput> checkLinks(List<LinkInput> links, List<ErrorDetail> problems) {
        List<LinkInput> checked = new ArrayList<>();
        List<LinkInput> given = links == null ? List.of() : links;
        if (given.size() > 20) {
            problems.add(new ErrorDetail("links", "at most 20 links"));
        }
        for (int i = 0; i < given.size() && i < 20; i++) {
            LinkInput l = given.get(i);
            String type = l == null || l.type() == null ? "" : l.type().trim().toUpperCase(Locale.ROOT);
            String key = l == null || l.key() == null ? "" : l.key().trim();
            if (type.equals("FEEDBACK")) {
                // a link names the item by its public id: members need not be staff, the tracking code stays secret
                java.util.Optional<FeedbackService.Row> item = feedback.findPublic(key).or(() -> feedback.find(key));
                if (item.isEmpty()) {
                    problems.add(new ErrorDetail("links[" + i + "].key", "no feedback with the id '" + key + "'"));
                } else {
                    checked.add(new LinkInput(type, item.get().publicId()));
                }
            } else if (type.equals("INDICATOR")) {
                if (indicators.find(key).isEmpty()) {
                    problems.add(new ErrorDetail("links[" + i + "].key", "no indicator '" + key + "'"));
                } else {
                    checked.add(new LinkInput(type, key));
                }
            } else {
                problems.add(new ErrorDetail("links[" + i + "].type", "FEEDBACK or INDICATOR"));
            }
        }
        return checked;
    }

    Topic topic(Caller caller, long id) {
        String space = spaces.spaceOfTopic(id);
        DiscussionSpaces.Access a = spaces.access(caller, space);
        return Jdbc.read(ds, c -> {
            List<Comment> flat = Jdbc.list(c, "SELECT ID, PARENT_ID, AUTHOR, BODY, CREATED_AT, HIDDEN, HIDDEN_REASON FROM "
                    + "DS_COMMENT WHERE TOPIC_ID = ? ORDER BY ID", rs -> {
                        long parent = rs.getLong(2);
                        boolean hidden = rs.getBoolean(6);
                        String body = rs.getString(4);
                        return new Comment(rs.getLong(1), rs.wasNull() ? null : parent, 0, rs.getString(3),
                                hidden && !a.moderator() ? null : body, Jdbc.getInstant(rs, "CREATED_AT"), hidden,
                                rs.getString(7), hidden && !a.moderator() ? List.of()
                                        : DiscussionNotifications.mentions(body));
                    }, id);
            return Jdbc.one(c, "SELECT ID, SPACE_CODE, TITLE, BODY, AUTHOR, CREATED_AT, LAST_ACTIVITY, LOCKED, LOCK_REASON FROM "
                    + "DS_TOPIC WHERE ID = ?", rs -> new Topic(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), Jdbc.getInstant(rs, "CREATED_AT"),
                            Jdbc.getInstant(rs, "LAST_ACTIVITY"), rs.getBoolean(8), rs.getString(9), a.moderator(),
                            links(c, id), DiscussionComments.threaded(flat)), id).orElseThrow();
        });
    }

    private List<Link> links(Connection c, long topicId) throws SQLException {
        return Jdbc.list(c, "SELECT LINK_TYPE, LINK_KEY FROM DS_LINK WHERE TOPIC_ID = ?", rs -> {
            String type = rs.getString(1);
            String key = rs.getString(2);
            if (type.equals("FEEDBACK")) {
                String title = feedback.findPublic(key).map(FeedbackService::publicTitle).orElse(key);
                return new Link(type, key, key + " — " + title, "/feedback/inbox.html?code=" + key);
            }
            String name = indicators.find(key).map(i -> i.nameVi()).orElse(key);
            return new Link(type, key, key + " — " + name, "/monitoring/dashboard.html?indicator=" + key);
        }, topicId);
    }

    /** Demo: writes a topic with comments directly (authors need no account). */
    static long demoTopic(Connection c, String space, String author, String title, String body, Instant at,
            List<LinkInput> links, List<String[]> comments) throws SQLException {
        long topic = Jdbc.insert(c, "INSERT INTO DS_TOPIC (SPACE_CODE, TITLE, BODY, AUTHOR, CREATED_AT, LAST_ACTIVITY) VALUES "
                + "(?, ?, ?, ?, ?, ?)", space, title, body, author, at, at);
        for (LinkInput l : links) {
            Jdbc.update(c, "INSERT INTO DS_LINK (TOPIC_ID, LINK_TYPE, LINK_KEY) VALUES (?, ?, ?)", topic, l.type(), l.key());
        }
        Long previous = null;
        Instant t = at;
        for (String[] cm : comments) {
            t = t.plusSeconds(3600 * 5);
            Long parent = "reply".equals(cm[2]) ? previous : null;
            previous = DiscussionComments.insertComment(c, topic, parent, cm[0], cm[1], t);
        }
        return topic;
    }
}

package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.User;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.storage.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The discussion space: spaces with members and moderators, topics linked to feedback items
 * and indicators, threaded comments, moderation (hide a comment, lock a topic, each with a
 * reason) and notifications for mentions ({@code @username}) and replies.
 */
@Component(service = DiscussionService.class)
public class DiscussionService {
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9._-]{2,64})");
    private static final int MAX_DEPTH = 6;

    private final DataSource ds;
    private final IdentityService identity;
    private final IndicatorRegistry indicators;
    private final FeedbackService feedback;
    private final AuditService audit;

    @Activate
    public DiscussionService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference IdentityService identity, @Reference IndicatorRegistry indicators,
            @Reference FeedbackService feedback, @Reference AuditService audit, @Reference FeedbackSchema schema) {
        this.ds = ds;
        this.identity = identity;
        this.indicators = indicators;
        this.feedback = feedback;
        this.audit = audit;
    }

    public record Space(String code, String nameVi, String nameEn, String descriptionVi, String descriptionEn,
            boolean member, boolean moderator, long topics) {
    }

    public record Member(String username, String displayName, boolean moderator) {
    }

    public record Link(String type, String key, String label, String href) {
    }

    public record LinkInput(String type, String key) {
    }

    public record TopicSummary(long id, String space, String title, String author, Instant createdAt,
            Instant lastActivity, long comments, boolean locked, String lockReason, List<Link> links) {
    }

    public record Comment(long id, Long parentId, int depth, String author, String body, Instant createdAt,
            boolean hidden, String hiddenReason, List<String> mentions) {
    }

    public record Topic(long id, String space, String title, String body, String author, Instant createdAt,
            Instant lastActivity, boolean locked, String lockReason, boolean moderator, List<Link> links,
            List<Comment> comments) {
    }

    public record Notification(long id, String kind, long topicId, Long commentId, String space, String from,
            String excerpt, Instant createdAt, boolean read) {
    }

    public record Notifications(long unread, List<Notification> items) {
    }

    // ---------------------------------------------------------------- spaces and members

    public List<Space> spaces(Caller caller) {
        caller.require();
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT S.CODE, S.NAME_VI, S.NAME_EN, S.DESCRIPTION_VI, S.DESCRIPTION_EN, "
                + "M.MODERATOR, (SELECT COUNT(*) FROM DS_TOPIC T WHERE T.SPACE_CODE = S.CODE) FROM DS_SPACE S LEFT JOIN "
                + "DS_MEMBER M ON M.SPACE_CODE = S.CODE AND M.USERNAME = ? ORDER BY S.CODE DESC", rs -> {
                    boolean member = rs.getObject(6) != null || caller.isNational();
                    boolean moderator = rs.getBoolean(6) || caller.isNational();
                    return new Space(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            member, moderator, member ? rs.getLong(7) : 0);
                }, caller.username()));
    }

    public List<Member> members(Caller caller, String space) {
        access(caller, space);
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT USERNAME, MODERATOR FROM DS_MEMBER WHERE SPACE_CODE = ? ORDER BY USERNAME",
                rs -> new Member(rs.getString(1), identity.find(rs.getString(1)).map(User::displayName)
                        .orElse(rs.getString(1)), rs.getBoolean(2)), space));
    }

    public Member putMember(Caller caller, String space, String username, boolean moderator) {
        Access a = access(caller, space);
        if (!a.moderator()) {
            throw new ForbiddenException("Only the space's moderators, ADMIN and CENTRAL_IT manage its members");
        }
        User user = identity.find(username).orElseThrow(() -> InvalidInputException.field("username", "'" + username
                + "' is not a user"));
        Jdbc.write(ds, c -> {
            if (Jdbc.update(c, "UPDATE DS_MEMBER SET MODERATOR = ? WHERE SPACE_CODE = ? AND USERNAME = ?", moderator, space,
                    username) == 0) {
                Jdbc.update(c, "INSERT INTO DS_MEMBER (SPACE_CODE, USERNAME, MODERATOR) VALUES (?, ?, ?)", space, username,
                        moderator);
            }
            return null;
        });
        audit.record(caller.username(), "DiscussionMember", space + "/" + username, "PUT", null,
                Map.of("moderator", moderator));
        return new Member(username, user.displayName(), moderator);
    }

    public void removeMember(Caller caller, String space, String username) {
        Access a = access(caller, space);
        if (!a.moderator()) {
            throw new ForbiddenException("Only the space's moderators, ADMIN and CENTRAL_IT manage its members");
        }
        int n = Jdbc.write(ds, c -> Jdbc.update(c, "DELETE FROM DS_MEMBER WHERE SPACE_CODE = ? AND USERNAME = ?", space,
                username));
        if (n == 0) {
            throw new NotFoundException("'" + username + "' is not a member of " + space);
        }
        audit.record(caller.username(), "DiscussionMember", space + "/" + username, "DELETE", null, null);
    }

    private record Access(boolean moderator) {
    }

    /** The caller may enter the space: a member, or a national role. */
    private Access access(Caller caller, String space) {
        caller.require();
        return Jdbc.read(ds, c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM DS_SPACE WHERE CODE = ?", space) == 0) {
                throw new NotFoundException("There is no discussion space '" + space + "'");
            }
            Boolean mod = Jdbc.one(c, "SELECT MODERATOR FROM DS_MEMBER WHERE SPACE_CODE = ? AND USERNAME = ?",
                    rs -> rs.getBoolean(1), space, caller.username()).orElse(null);
            if (mod == null && !caller.isNational()) {
                throw new ForbiddenException("User '" + caller.username() + "' is not a member of the space " + space);
            }
            return new Access(caller.isNational() || Boolean.TRUE.equals(mod));
        });
    }

    // ---------------------------------------------------------------- topics

    public Page<TopicSummary> topics(Caller caller, String space, int offset, int limit) {
        access(caller, space);
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

    public Topic createTopic(Caller caller, String space, String title, String body, List<LinkInput> links) {
        access(caller, space);
        List<ErrorDetail> problems = new ArrayList<>();
        String t = FeedbackService.clean(title);
        String b = FeedbackService.clean(body);
        if (t == null || t.length() < 5 || t.length() > 200) {
            problems.add(new ErrorDetail("title", "a title of 5 to 200 characters is required"));
        }
        if (b == null || b.length() > 8000) {
            problems.add(new ErrorDetail("body", "a text of 1 to 8000 characters is required"));
        }
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
            notifyMentions(c, space, topic, null, caller.username(), b, Set.of(), now);
            return topic;
        });
        audit.record(caller.username(), "DiscussionTopic", Long.toString(id), "CREATE", null, Map.of("title", t));
        return topic(caller, id);
    }

    public Topic topic(Caller caller, long id) {
        String space = spaceOfTopic(id);
        Access a = access(caller, space);
        return Jdbc.read(ds, c -> {
            List<Comment> flat = Jdbc.list(c, "SELECT ID, PARENT_ID, AUTHOR, BODY, CREATED_AT, HIDDEN, HIDDEN_REASON FROM "
                    + "DS_COMMENT WHERE TOPIC_ID = ? ORDER BY ID", rs -> {
                        long parent = rs.getLong(2);
                        boolean hidden = rs.getBoolean(6);
                        String body = rs.getString(4);
                        return new Comment(rs.getLong(1), rs.wasNull() ? null : parent, 0, rs.getString(3),
                                hidden && !a.moderator() ? null : body, Jdbc.getInstant(rs, "CREATED_AT"), hidden,
                                rs.getString(7), hidden && !a.moderator() ? List.of() : mentions(body));
                    }, id);
            return Jdbc.one(c, "SELECT ID, SPACE_CODE, TITLE, BODY, AUTHOR, CREATED_AT, LAST_ACTIVITY, LOCKED, LOCK_REASON FROM "
                    + "DS_TOPIC WHERE ID = ?", rs -> new Topic(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), Jdbc.getInstant(rs, "CREATED_AT"),
                            Jdbc.getInstant(rs, "LAST_ACTIVITY"), rs.getBoolean(8), rs.getString(9), a.moderator(),
                            links(c, id), threaded(flat)), id).orElseThrow();
        });
    }

    /** Comments in thread order: each reply right after its parent (and the parent's earlier replies). */
    static List<Comment> threaded(List<Comment> flat) {
        Map<Long, List<Comment>> children = new HashMap<>();
        List<Comment> roots = new ArrayList<>();
        Set<Long> ids = new java.util.HashSet<>();
        flat.forEach(x -> ids.add(x.id()));
        for (Comment x : flat) {
            if (x.parentId() == null || !ids.contains(x.parentId())) {
                roots.add(x);
            } else {
                children.computeIfAbsent(x.parentId(), k -> new ArrayList<>()).add(x);
            }
        }
        List<Comment> out = new ArrayList<>();
        java.util.Deque<Object[]> stack = new java.util.ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Object[] { roots.get(i), 0 });
        }
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            Comment x = (Comment) top[0];
            int depth = (Integer) top[1];
            out.add(new Comment(x.id(), x.parentId(), depth, x.author(), x.body(), x.createdAt(), x.hidden(),
                    x.hiddenReason(), x.mentions()));
            List<Comment> kids = children.getOrDefault(x.id(), List.of());
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Object[] { kids.get(i), depth + 1 });
            }
        }
        return out;
    }

    public Comment comment(Caller caller, long topicId, String body, Long parentId) {
        String space = spaceOfTopic(topicId);
        access(caller, space);
        String b = FeedbackService.clean(body);
        if (b == null || b.length() > 4000) {
            throw InvalidInputException.field("body", "a comment of 1 to 4000 characters is required");
        }
        Instant now = Instant.now();
        long id = Jdbc.write(ds, c -> {
            Boolean locked = Jdbc.one(c, "SELECT LOCKED FROM DS_TOPIC WHERE ID = ?", rs -> rs.getBoolean(1), topicId)
                    .orElseThrow();
            if (locked) {
                throw new ConflictException("The topic is locked by a moderator: no new comments");
            }
            Set<String> notified = new java.util.HashSet<>();
            if (parentId != null) {
                String parentAuthor = Jdbc.one(c, "SELECT AUTHOR FROM DS_COMMENT WHERE ID = ? AND TOPIC_ID = ?",
                        rs -> rs.getString(1), parentId, topicId).orElseThrow(() -> InvalidInputException.field(
                                "parentId", "comment " + parentId + " is not in this topic"));
                if (depth(c, parentId) >= MAX_DEPTH) {
                    throw InvalidInputException.field("parentId", "replies nest at most " + MAX_DEPTH + " levels deep");
                }
                long comment = insertComment(c, topicId, parentId, caller.username(), b, now);
                if (!parentAuthor.equals(caller.username())) {
                    notification(c, parentAuthor, "REPLY", topicId, comment, caller.username(), b, now);
                    notified.add(parentAuthor);
                }
                notifyMentions(c, space, topicId, comment, caller.username(), b, notified, now);
                return comment;
            }
            long comment = insertComment(c, topicId, null, caller.username(), b, now);
            notifyMentions(c, space, topicId, comment, caller.username(), b, notified, now);
            return comment;
        });
        return new Comment(id, parentId, 0, caller.username(), b, now, false, null, mentions(b));
    }

    private static int depth(Connection c, long commentId) throws SQLException {
        int depth = 0;
        Long current = commentId;
        while (current != null && depth <= MAX_DEPTH) {
            List<Long> parent = Jdbc.list(c, "SELECT PARENT_ID FROM DS_COMMENT WHERE ID = ? AND PARENT_ID IS NOT NULL",
                    rs -> rs.getLong(1), current);
            current = parent.isEmpty() ? null : parent.get(0);
            depth++;
        }
        return depth;
    }

    private static long insertComment(Connection c, long topicId, Long parentId, String author, String body, Instant now)
            throws SQLException {
        long id = Jdbc.insert(c, "INSERT INTO DS_COMMENT (TOPIC_ID, PARENT_ID, AUTHOR, BODY, CREATED_AT) VALUES "
                + "(?, ?, ?, ?, ?)", topicId, parentId == null ? Jdbc.Null.BIGINT : parentId, author, body, now);
        Jdbc.update(c, "UPDATE DS_TOPIC SET LAST_ACTIVITY = ? WHERE ID = ?", now, topicId);
        return id;
    }

    public Topic lock(Caller caller, long topicId, boolean lock, String reason) {
        String space = spaceOfTopic(topicId);
        moderator(caller, space);
        String why = FeedbackService.clean(reason);
        if (lock && (why == null || why.length() > 1000)) {
            throw InvalidInputException.field("reason", "a reason of 1 to 1000 characters is required to lock a topic");
        }
        Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE DS_TOPIC SET LOCKED = ?, LOCK_REASON = ? WHERE ID = ?", lock,
                lock ? why : null, topicId));
        audit.record(caller.username(), "DiscussionTopic", Long.toString(topicId), lock ? "LOCK" : "UNLOCK", null,
                why == null ? Map.of() : Map.of("reason", why));
        return topic(caller, topicId);
    }

    public Comment hide(Caller caller, long commentId, boolean hide, String reason) {
        long topicId = Jdbc.read(ds, c -> Jdbc.one(c, "SELECT TOPIC_ID FROM DS_COMMENT WHERE ID = ?", rs -> rs.getLong(1),
                commentId)).orElseThrow(() -> new NotFoundException("There is no comment " + commentId));
        moderator(caller, spaceOfTopic(topicId));
        String why = FeedbackService.clean(reason);
        if (hide && (why == null || why.length() > 1000)) {
            throw InvalidInputException.field("reason", "a reason of 1 to 1000 characters is required to hide a comment");
        }
        Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE DS_COMMENT SET HIDDEN = ?, HIDDEN_REASON = ?, HIDDEN_BY = ? WHERE ID = ?",
                hide, hide ? why : null, hide ? caller.username() : null, commentId));
        audit.record(caller.username(), "DiscussionComment", Long.toString(commentId), hide ? "HIDE" : "UNHIDE", null,
                why == null ? Map.of() : Map.of("reason", why));
        return topic(caller, topicId).comments().stream().filter(x -> x.id() == commentId).findFirst().orElseThrow();
    }

    private void moderator(Caller caller, String space) {
        if (!access(caller, space).moderator()) {
            throw new ForbiddenException("Only the moderators of " + space + ", ADMIN and CENTRAL_IT may do this");
        }
    }

    private String spaceOfTopic(long topicId) {
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT SPACE_CODE FROM DS_TOPIC WHERE ID = ?", rs -> rs.getString(1), topicId))
                .orElseThrow(() -> new NotFoundException("There is no topic " + topicId));
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

    // ---------------------------------------------------------------- notifications

    static List<String> mentions(String body) {
        if (body == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(body);
        while (m.find()) {
            out.add(m.group(1));
        }
        return List.copyOf(out);
    }

    /** A MENTION for each mentioned member of the space (not the author, not those already told). */
    private void notifyMentions(Connection c, String space, long topicId, Long commentId, String author, String body,
            Set<String> already, Instant now) throws SQLException {
        for (String name : mentions(body)) {
            if (name.equals(author) || already.contains(name)) {
                continue;
            }
            if (Jdbc.count(c, "SELECT COUNT(*) FROM DS_MEMBER WHERE SPACE_CODE = ? AND USERNAME = ?", space, name) > 0) {
                notification(c, name, "MENTION", topicId, commentId, author, body, now);
            }
        }
    }

    private static void notification(Connection c, String to, String kind, long topicId, Long commentId, String from,
            String body, Instant now) throws SQLException {
        String excerpt = body.length() > 160 ? body.substring(0, 160) + "…" : body;
        Jdbc.update(c, "INSERT INTO DS_NOTIFICATION (USERNAME, KIND, TOPIC_ID, COMMENT_ID, FROM_USER, EXCERPT, CREATED_AT) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", to, kind, topicId, commentId == null ? Jdbc.Null.BIGINT : commentId,
                from, excerpt, now);
    }

    public Notifications notifications(Caller caller) {
        caller.require();
        return Jdbc.read(ds, c -> new Notifications(
                Jdbc.count(c, "SELECT COUNT(*) FROM DS_NOTIFICATION WHERE USERNAME = ? AND IS_READ = FALSE",
                        caller.username()),
                Jdbc.list(c, "SELECT N.ID, N.KIND, N.TOPIC_ID, N.COMMENT_ID, T.SPACE_CODE, N.FROM_USER, N.EXCERPT, N.CREATED_AT, "
                        + "N.IS_READ FROM DS_NOTIFICATION N JOIN DS_TOPIC T ON T.ID = N.TOPIC_ID WHERE N.USERNAME = ? "
                        + "ORDER BY N.ID DESC FETCH FIRST 50 ROWS ONLY", rs -> {
                            long comment = rs.getLong(4);
                            Long commentId = rs.wasNull() ? null : comment;
                            return new Notification(rs.getLong(1), rs.getString(2), rs.getLong(3), commentId,
                                    rs.getString(5), rs.getString(6), rs.getString(7), Jdbc.getInstant(rs, "CREATED_AT"),
                                    rs.getBoolean(9));
                        }, caller.username())));
    }

    public Notifications markRead(Caller caller, List<Long> ids) {
        caller.require();
        Jdbc.write(ds, c -> {
            if (ids == null) {
                return Jdbc.update(c, "UPDATE DS_NOTIFICATION SET IS_READ = TRUE WHERE USERNAME = ?", caller.username());
            }
            int n = 0;
            for (Long id : ids) {
                if (id != null) {
                    n += Jdbc.update(c, "UPDATE DS_NOTIFICATION SET IS_READ = TRUE WHERE USERNAME = ? AND ID = ?",
                            caller.username(), id);
                }
            }
            return n;
        });
        return notifications(caller);
    }

    /** Demo: writes a topic with comments directly (authors need no account). */
    long demoTopic(Connection c, String space, String author, String title, String body, Instant at,
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
            previous = insertComment(c, topic, parent, cm[0], cm[1], t);
        }
        return topic;
    }
}

package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.DiscussionService.Comment;

/** Threaded comments on a topic: writing a comment or reply (with its notifications) and the thread order. */
final class DiscussionComments {
    private static final int MAX_DEPTH = 6;

    private final DataSource ds;
    private final DiscussionSpaces spaces;

    DiscussionComments(DataSource ds, DiscussionSpaces spaces) {
        this.ds = ds;
        this.spaces = spaces;
    }

    Comment comment(Caller caller, long topicId, String body, Long parentId) {
        String space = spaces.spaceOfTopic(topicId);
        spaces.access(caller, space);
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
                    DiscussionNotifications.notification(c, parentAuthor, "REPLY", topicId, comment, caller.username(), b,
                            now);
                    notified.add(parentAuthor);
                }
                DiscussionNotifications.notifyMentions(c, space, topicId, comment, caller.username(), b, notified, now);
                return comment;
            }
            long comment = insertComment(c, topicId, null, caller.username(), b, now);
            DiscussionNotifications.notifyMentions(c, space, topicId, comment, caller.username(), b, notified, now);
            return comment;
        });
        return new Comment(id, parentId, 0, caller.username(), b, now, false, null, DiscussionNotifications.mentions(b));
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

    static long insertComment(Connection c, long topicId, Long parentId, String author, String body, Instant now)
            throws SQLException {
        long id = Jdbc.insert(c, "INSERT INTO DS_COMMENT (TOPIC_ID, PARENT_ID, AUTHOR, BODY, CREATED_AT) VALUES "
                + "(?, ?, ?, ?, ?)", topicId, parentId == null ? Jdbc.Null.BIGINT : parentId, author, body, now);
        Jdbc.update(c, "UPDATE DS_TOPIC SET LAST_ACTIVITY = ? WHERE ID = ?", now, topicId);
        return id;
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
}

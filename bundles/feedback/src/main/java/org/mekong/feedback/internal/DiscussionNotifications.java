package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.DiscussionService.Notification;
import org.mekong.feedback.internal.DiscussionService.Notifications;

/** Notifications of mentions ({@code @username}) and replies: writing them and each user's list of them. */
final class DiscussionNotifications {
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9._-]{2,64})");

    private final DataSource ds;

    DiscussionNotifications(DataSource ds) {
        this.ds = ds;
    }

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
    static void notifyMentions(Connection c, String space, long topicId, Long commentId, String author, String body,
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

    static void notification(Connection c, String to, String kind, long topicId, Long commentId, String from,
            String body, Instant now) throws SQLException {
        String excerpt = body.length() > 160 ? body.substring(0, 160) + "…" : body;
        Jdbc.update(c, "INSERT INTO DS_NOTIFICATION (USERNAME, KIND, TOPIC_ID, COMMENT_ID, FROM_USER, EXCERPT, CREATED_AT) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", to, kind, topicId, commentId == null ? Jdbc.Null.BIGINT : commentId,
                from, excerpt, now);
    }

    Notifications notifications(Caller caller) {
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

    Notifications markRead(Caller caller, List<Long> ids) {
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
}

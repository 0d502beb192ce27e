package org.mekong.feedback.internal;

import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.DiscussionService.Comment;
import org.mekong.feedback.internal.DiscussionService.Topic;

/** Moderation by a space's moderators: locking a topic and hiding a comment, each with a reason and an audit record. */
final class DiscussionModeration {
    private final DataSource ds;
    private final AuditService audit;
    private final DiscussionSpaces spaces;
    private final DiscussionTopics topics;

    DiscussionModeration(DataSource ds, AuditService audit, DiscussionSpaces spaces, DiscussionTopics topics) {
        this.ds = ds;
        this.audit = audit;
        this.spaces = spaces;
        this.topics = topics;
    }

    Topic lock(Caller caller, long topicId, boolean lock, String reason) {
        String space = spaces.spaceOfTopic(topicId);
        spaces.requireModerator(caller, space);
        String why = FeedbackService.clean(reason);
        if (lock && (why == null || why.length() > 1000)) {
            throw InvalidInputException.field("reason", "a reason of 1 to 1000 characters is required to lock a topic");
        }
        Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE DS_TOPIC SET LOCKED = ?, LOCK_REASON = ? WHERE ID = ?", lock,
                lock ? why : null, topicId));
        audit.record(caller.username(), "DiscussionTopic", Long.toString(topicId), lock ? "LOCK" : "UNLOCK", null,
                why == null ? Map.of() : Map.of("reason", why));
        return topics.topic(caller, topicId);
    }

    Comment hide(Caller caller, long commentId, boolean hide, String reason) {
        long topicId = Jdbc.read(ds, c -> Jdbc.one(c, "SELECT TOPIC_ID FROM DS_COMMENT WHERE ID = ?", rs -> rs.getLong(1),
                commentId)).orElseThrow(() -> new NotFoundException("There is no comment " + commentId));
        spaces.requireModerator(caller, spaces.spaceOfTopic(topicId));
        String why = FeedbackService.clean(reason);
        if (hide && (why == null || why.length() > 1000)) {
            throw InvalidInputException.field("reason", "a reason of 1 to 1000 characters is required to hide a comment");
        }
        Jdbc.write(ds, c -> Jdbc.update(c, "UPDATE DS_COMMENT SET HIDDEN = ?, HIDDEN_REASON = ?, HIDDEN_BY = ? WHERE ID = ?",
                hide, hide ? why : null, hide ? caller.username() : null, commentId));
        audit.record(caller.username(), "DiscussionComment", Long.toString(commentId), hide ? "HIDE" : "UNHIDE", null,
                why == null ? Map.of() : Map.of("reason", why));
        return topics.topic(caller, topicId).comments().stream().filter(x -> x.id() == commentId).findFirst().orElseThrow();
    }
}

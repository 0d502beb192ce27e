package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The discussion space: spaces with members and moderators, topics linked to feedback items
 * and indicators, threaded comments, moderation (hide a comment, lock a topic, each with a
 * reason) and notifications for mentions ({@code @username}) and replies. A thin facade over
 * {@link DiscussionSpaces}, {@link DiscussionTopics}, {@link DiscussionComments},
 * {@link DiscussionModeration} and {@link DiscussionNotifications}.
 */
@Component(service = DiscussionService.class)
public class DiscussionService {
    private final DiscussionSpaces spaces;
    private final DiscussionTopics topics;
    private final DiscussionComments comments;
    private final DiscussionModeration moderation;
    private final DiscussionNotifications notifications;

    @Activate
    public DiscussionService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference IdentityService identity, @Reference IndicatorRegistry indicators,
            @Reference FeedbackService feedback, @Reference AuditService audit, @Reference FeedbackSchema schema) {
        this.spaces = new DiscussionSpaces(ds, identity, audit);
        this.topics = new DiscussionTopics(ds, indicators, feedback, audit, spaces);
        this.comments = new DiscussionComments(ds, spaces);
        this.moderation = new DiscussionModeration(ds, audit, spaces, topics);
        this.notifications = new DiscussionNotifications(ds);
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
        return spaces.spaces(caller);
    }

    public List<Member> members(Caller caller, String space) {
        return spaces.members(caller, space);
    }

    public Member putMember(Caller caller, String space, String username, boolean moderator) {
        return spaces.putMember(caller, space, username, moderator);
    }

    public void removeMember(Caller caller, String space, String username) {
        spaces.removeMember(caller, space, username);
    }

    // ---------------------------------------------------------------- topics and comments

    public Page<TopicSummary> topics(Caller caller, String space, int offset, int limit) {
        return topics.topics(caller, space, offset, limit);
    }

    public Topic createTopic(Caller caller, String space, String title, String body, List<LinkInput> links) {
        return topics.createTopic(caller, space, title, body, links);
    }

    public Topic topic(Caller caller, long id) {
        return topics.topic(caller, id);
    }

    public Comment comment(Caller caller, long topicId, String body, Long parentId) {
        return comments.comment(caller, topicId, body, parentId);
    }

    // ---------------------------------------------------------------- moderation

    public Topic lock(Caller caller, long topicId, boolean lock, String reason) {
        return moderation.lock(caller, topicId, lock, reason);
    }

    public Comment hide(Caller caller, long commentId, boolean hide, String reason) {
        return moderation.hide(caller, commentId, hide, reason);
    }

    // ---------------------------------------------------------------- notifications

    public Notifications notifications(Caller caller) {
        return notifications.notifications(caller);
    }

    public Notifications markRead(Caller caller, List<Long> ids) {
        return notifications.markRead(caller, ids);
    }

    /** Demo: writes a topic with comments directly (authors need no account). */
    long demoTopic(Connection c, String space, String author, String title, String body, Instant at,
            List<LinkInput> links, List<String[]> comments) throws SQLException {
        return DiscussionTopics.demoTopic(c, space, author, title, body, at, links, comments);
    }
}

package org.mekong.feedback.internal;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.User;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.DiscussionService.Member;
import org.mekong.feedback.internal.DiscussionService.Space;

/** Discussion spaces and their membership: who may enter a space and who moderates it. */
final class DiscussionSpaces {
    private final DataSource ds;
    private final IdentityService identity;
    private final AuditService audit;

    DiscussionSpaces(DataSource ds, IdentityService identity, AuditService audit) {
        this.ds = ds;
        this.identity = identity;
        this.audit = audit;
    }

    /** What the caller may do in a space they may enter. */
    record Access(boolean moderator) {
    }

    List<Space> spaces(Caller caller) {
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

    List<Member> members(Caller caller, String space) {
        access(caller, space);
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT USERNAME, MODERATOR FROM DS_MEMBER WHERE SPACE_CODE = ? ORDER BY USERNAME",
                rs -> new Member(rs.getString(1), identity.find(rs.getString(1)).map(User::displayName)
                        .orElse(rs.getString(1)), rs.getBoolean(2)), space));
    }

    Member putMember(Caller caller, String space, String username, boolean moderator) {
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

    void removeMember(Caller caller, String space, String username) {
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

    /** The caller may enter the space: a member, or a national role. */
    Access access(Caller caller, String space) {
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

    /** The caller moderates the space (a moderator member, or a national role). */
    void requireModerator(Caller caller, String space) {
        if (!access(caller, space).moderator()) {
            throw new ForbiddenException("Only the moderators of " + space + ", ADMIN and CENTRAL_IT may do this");
        }
    }

    /** The space a topic belongs to. */
    String spaceOfTopic(long topicId) {
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT SPACE_CODE FROM DS_TOPIC WHERE ID = ?", rs -> rs.getString(1), topicId))
                .orElseThrow(() -> new NotFoundException("There is no topic " + topicId));
    }
}

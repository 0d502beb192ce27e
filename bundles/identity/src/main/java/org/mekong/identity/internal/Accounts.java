package org.mekong.identity.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.identity.NewUser;
import org.mekong.core.api.identity.User;
import org.mekong.core.api.identity.UserPatch;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.identity.internal.entities.UserEntity;
import org.mekong.storage.jpa.Transactions;

/**
 * Writes to accounts: create, change (enabled, roles, org units, display name) and password. Only
 * an ADMIN grants ADMIN or CENTRAL_IT, or changes an account that holds one of them.
 */
final class Accounts {
    private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{2,63}$");
    /** Roles that act on the whole country and run the Karaf shell. */
    private static final Set<Role> PRIVILEGED = EnumSet.of(Role.ADMIN, Role.CENTRAL_IT);

    private final EntityManagerFactory emf;
    private final OrgUnitService orgUnits;
    private final AuditService audit;
    private final Supplier<PasswordPolicy> policy;

    Accounts(EntityManagerFactory emf, OrgUnitService orgUnits, AuditService audit, Supplier<PasswordPolicy> policy) {
        this.emf = emf;
        this.orgUnits = orgUnits;
        this.audit = audit;
        this.policy = policy;
    }

    User create(Caller caller, NewUser in) {
        caller.require(Role.ADMIN, Role.CENTRAL_IT);
        if (in == null) {
            throw InvalidInputException.field("body", "is required");
        }
        requireMayGrant(caller, in.roles());
        List<ErrorDetail> problems = new ArrayList<>();
        if (in.username() == null || !USERNAME.matcher(in.username()).matches()) {
            problems.add(new ErrorDetail("username", "3-64 characters: lower-case letters, digits, '.', '_', '-', starting with a letter"));
        }
        policy.get().problem(in.username(), in.password()).ifPresent(p -> problems.add(new ErrorDetail("password", p)));
        if (in.roles() == null || in.roles().isEmpty()) {
            problems.add(new ErrorDetail("roles", "at least one role"));
        } else {
            checkRoles(in.roles(), problems);
        }
        Set<String> units = in.orgUnits() == null ? Set.of() : in.orgUnits();
        checkUnits(units, problems);
        fail(problems);
        String display = in.displayName() == null || in.displayName().isBlank() ? in.username() : in.displayName();
        User created = Transactions.write(emf, em -> {
            if (em.find(UserEntity.class, in.username()) != null) {
                throw new ConflictException("User '" + in.username() + "' already exists");
            }
            UserEntity e = new UserEntity(in.username(), display, PasswordHasher.hash(in.password()), in.roles(), units);
            em.persist(e);
            return e.toDTO();
        });
        audit.record(caller.username(), "User", created.username(), "CREATE", null, created);
        return created;
    }

    /** Applies the patch; answers the account before and after. */
    User[] update(Caller caller, String username, UserPatch patch) {
        caller.require(Role.ADMIN, Role.CENTRAL_IT);
        if (patch == null) {
            throw InvalidInputException.field("body", "is required");
        }
        User current = Transactions.read(emf, em -> java.util.Optional.ofNullable(em.find(UserEntity.class, username))
                .map(UserEntity::toDTO)).orElseThrow(() -> new NotFoundException("No user '" + username + "'"));
        if (!caller.hasRole(Role.ADMIN) && current.roles().stream().anyMatch(PRIVILEGED::contains)) {
            throw new ForbiddenException("Only an ADMIN may change the account '" + username
                    + "', which holds ADMIN or CENTRAL_IT");
        }
        requireMayGrant(caller, patch.roles());
        List<ErrorDetail> problems = new ArrayList<>();
        if (patch.displayName() != null && patch.displayName().isBlank()) {
            problems.add(new ErrorDetail("displayName", "must not be blank"));
        }
        if (patch.roles() != null && patch.roles().isEmpty()) {
            problems.add(new ErrorDetail("roles", "at least one role"));
        } else if (patch.roles() != null) {
            checkRoles(patch.roles(), problems);
        }
        if (patch.orgUnits() != null) {
            checkUnits(patch.orgUnits(), problems);
        }
        if (username.equals(caller.username())) {
            if (Boolean.FALSE.equals(patch.enabled())) {
                problems.add(new ErrorDetail("enabled", "you cannot disable your own account"));
            }
            if (patch.roles() != null && caller.hasRole(Role.ADMIN) && !patch.roles().contains(Role.ADMIN)) {
                problems.add(new ErrorDetail("roles", "you cannot remove ADMIN from your own account"));
            }
        }
        fail(problems);
        User after = Transactions.write(emf, em -> {
            UserEntity e = em.find(UserEntity.class, username);
            if (e == null) {
                throw new NotFoundException("No user '" + username + "'");
            }
            if (patch.displayName() != null) {
                e.setDisplayName(patch.displayName().trim());
            }
            if (patch.enabled() != null) {
                e.setEnabled(patch.enabled());
            }
            if (patch.roles() != null) {
                e.setRoles(patch.roles());
            }
            if (patch.orgUnits() != null) {
                e.setOrgUnits(patch.orgUnits());
            }
            if (Boolean.FALSE.equals(patch.enabled())) {
                revokeTokens(em, username, null);
            }
            return e.toDTO();
        });
        audit.record(caller.username(), "User", username, action(current, after), current, after);
        return new User[] { current, after };
    }

    /** Sets a new password (already verified against the old one) and revokes the other tokens. */
    int setPassword(Caller caller, String newPassword, String keepTokenHash) {
        policy.get().problem(caller.username(), newPassword).ifPresent(p -> {
            throw InvalidInputException.field("newPassword", p);
        });
        int revoked = Transactions.write(emf, em -> {
            UserEntity e = em.find(UserEntity.class, caller.username());
            if (e == null) {
                throw new NotFoundException("No user '" + caller.username() + "'");
            }
            e.setPasswordHash(PasswordHasher.hash(newPassword));
            return revokeTokens(em, caller.username(), keepTokenHash);
        });
        audit.record(caller.username(), "User", caller.username(), "PASSWORD_CHANGE", null,
                java.util.Map.of("otherTokensRevoked", revoked));
        return revoked;
    }

    private static int revokeTokens(javax.persistence.EntityManager em, String username, String keepTokenHash) {
        return em.createQuery("DELETE FROM TokenEntity t WHERE t.username = :u AND t.tokenHash <> :keep")
                .setParameter("u", username).setParameter("keep", keepTokenHash == null ? "" : keepTokenHash)
                .executeUpdate();
    }

    private static String action(User before, User after) {
        if (before.enabled() && !after.enabled()) {
            return "DISABLE";
        }
        if (!before.enabled() && after.enabled()) {
            return "ENABLE";
        }
        return "UPDATE";
    }

    private static void requireMayGrant(Caller caller, Set<Role> roles) {
        if (roles != null && !caller.hasRole(Role.ADMIN) && roles.stream().anyMatch(r -> r != null && PRIVILEGED.contains(r))) {
            throw new ForbiddenException("Only an ADMIN may grant the roles ADMIN or CENTRAL_IT (field roles)");
        }
    }

    private static void checkRoles(Set<Role> roles, List<ErrorDetail> problems) {
        if (roles.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new ErrorDetail("roles", "null is not a role"));
        }
    }

    private void checkUnits(Set<String> units, List<ErrorDetail> problems) {
        for (String unit : units) {
            if (unit == null || orgUnits.find(unit).isEmpty()) {
                problems.add(new ErrorDetail("orgUnits", "unknown org unit '" + unit + "'"));
            }
        }
    }

    private static void fail(List<ErrorDetail> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
    }
}

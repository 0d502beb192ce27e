package org.mekong.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.TooManyRequestsException;
import org.mekong.core.api.UnauthorizedException;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.NewUser;
import org.mekong.core.api.identity.PasswordChange;
import org.mekong.core.api.identity.Token;
import org.mekong.core.api.identity.User;
import org.mekong.core.api.identity.UserPatch;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.schema.SchemaMigrator;
import org.mekong.identity.internal.entities.TokenEntity;
import org.mekong.identity.internal.entities.UserEntity;
import org.mekong.storage.jpa.Transactions;
import org.mekong.storage.jpa.Where;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in APP_USER, checked against salted PBKDF2 hashes; bearer tokens stored as hashes.
 * Every password check passes the login throttle and costs one hash, also for unknown users.
 * Creates the first administrator on first start.
 */
@Component(service = IdentityService.class, configurationPid = "org.mekong.identity")
@Designate(ocd = IdentityConfig.class)
public class IdentityServiceImpl implements IdentityService {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityServiceImpl.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String ADMIN = "admin";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final Accounts accounts;
    private final LoginThrottle throttle;
    /** Compared against when the user is unknown, so that a failure costs the same either way. */
    private final String dummyHash = PasswordHasher.hash(PasswordHasher.generate());
    private volatile Duration tokenTtl;
    private volatile Duration basicCache;
    private volatile PasswordPolicy policy;
    /** Recently verified Basic credentials: SHA-256(user NUL password) -> caller and expiry. */
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(Caller caller, Instant until) {
    }

    @Activate
    public IdentityServiceImpl(@Reference(target = "(osgi.unit.name=mekong-identity)") EntityManagerFactory emf,
            @Reference SchemaMigrator migrator, @Reference OrgUnitService orgUnits, @Reference AuditService audit,
            IdentityConfig config) {
        this.emf = emf;
        this.audit = audit;
        this.throttle = new LoginThrottle(throttleSettings(config), Clock.systemUTC());
        modified(config);
        this.accounts = new Accounts(emf, orgUnits, audit, () -> policy);
        migrator.migrate("db/identity-changelog.xml", getClass().getClassLoader());
        ensureAdmin(config.admin_password());
    }

    /** Takes changed settings without a restart, keeping the failure counts. */
    @Modified
    void modified(IdentityConfig config) {
        if (config.token_ttl_minutes() < 1) {
            throw new IllegalArgumentException("token.ttl.minutes must be at least 1, got " + config.token_ttl_minutes());
        }
        if (config.password_min_length() < 8) {
            throw new IllegalArgumentException("password.min.length must be at least 8, got " + config.password_min_length());
        }
        throttle.configure(throttleSettings(config));
        this.tokenTtl = Duration.ofMinutes(config.token_ttl_minutes());
        this.basicCache = Duration.ofSeconds(Math.max(0, config.basic_cache_seconds()));
        PasswordPolicy current = policy;
        this.policy = current != null && current.minLength() == config.password_min_length() ? current
                : PasswordPolicy.withShippedList(config.password_min_length());
    }

    private static LoginThrottle.Settings throttleSettings(IdentityConfig config) {
        if (config.lockout_window_seconds() < 1 || config.lockout_seconds() < 1) {
            throw new IllegalArgumentException("lockout.window.seconds and lockout.seconds must be at least 1, got "
                    + config.lockout_window_seconds() + " and " + config.lockout_seconds());
        }
        if (config.lockout_failures() < 0 || config.lockout_address_failures() < 0) {
            throw new IllegalArgumentException("lockout.failures and lockout.address.failures must not be negative");
        }
        return new LoginThrottle.Settings(config.lockout_failures(), config.lockout_address_failures(),
                Duration.ofSeconds(config.lockout_window_seconds()), Duration.ofSeconds(config.lockout_seconds()));
    }

    private void ensureAdmin(String configured) {
        if (find(ADMIN).isPresent()) {
            return;
        }
        String fromEnv = System.getenv("MEKONG_ADMIN_PASSWORD");
        String password;
        String source;
        if (fromEnv != null && !fromEnv.isBlank()) {
            password = fromEnv;
            source = "the environment variable MEKONG_ADMIN_PASSWORD";
        } else if (configured != null && !configured.isBlank()) {
            password = configured;
            source = "etc/org.mekong.identity.cfg (admin.password)";
        } else {
            password = PasswordHasher.generate();
            source = "generation";
            String banner = "\n*** Mekong: first start. Administrator login: admin / " + password
                    + "\n*** Change it, or set MEKONG_ADMIN_PASSWORD before the first start. This is shown only once.\n";
            System.out.println(banner);
            LOG.warn(banner);
        }
        policy.problem(ADMIN, password).ifPresent(p -> {
            throw new IllegalArgumentException("The first admin password from " + source + " " + p);
        });
        Transactions.write(emf, em -> {
            em.persist(new UserEntity(ADMIN, "Administrator", PasswordHasher.hash(password),
                    EnumSet.of(Role.ADMIN, Role.CENTRAL_IT), Set.of("VN")));
            return null;
        });
        LOG.info("Created the first administrator 'admin' with the password from {}", source);
    }

    @Override
    public Optional<Caller> authenticate(String username, String password, String clientAddress) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        refuseWhileLocked(username, clientAddress);
        String key = PasswordHasher.sha256(username + "\u0000" + password);
        Remembered hit = verified.get(key);
        Instant now = Instant.now();
        if (hit != null && hit.until().isAfter(now)) {
            return Optional.of(hit.caller());
        }
        Optional<Caller> caller = check(username, password, clientAddress);
        if (caller.isEmpty()) {
            verified.remove(key);
        } else if (!basicCache.isZero()) {
            verified.put(key, new Remembered(caller.get(), now.plus(basicCache)));
        }
        return caller;
    }

    /** One slow hash whatever the outcome; counts and audits a failure. */
    private Optional<Caller> check(String username, String password, String clientAddress) {
        Optional<UserEntity> user = Transactions.read(emf, em -> Optional.ofNullable(em.find(UserEntity.class, username)));
        boolean matches = PasswordHasher.matches(password, user.map(UserEntity::getPasswordHash).orElse(dummyHash));
        if (matches && user.get().isEnabled()) {
            throttle.success(username);
            return Optional.of(toCaller(user.get().toDTO()));
        }
        String reason = user.isEmpty() ? "unknown user" : !matches ? "wrong password" : "account disabled";
        Set<LoginThrottle.Locked> locked = throttle.failure(username, clientAddress);
        auditLogin(username, "LOGIN_FAILED", reason, clientAddress);
        for (LoginThrottle.Locked what : locked) {
            LOG.warn("Login lockout of {} after repeated failures (user '{}', address {})",
                    what == LoginThrottle.Locked.ACCOUNT ? "the account" : "the address", username, clientAddress);
            auditLogin(username, what == LoginThrottle.Locked.ACCOUNT ? "ACCOUNT_LOCKED" : "ADDRESS_LOCKED",
                    "too many failed logins", clientAddress);
        }
        return Optional.empty();
    }

    private void refuseWhileLocked(String username, String clientAddress) {
        long seconds = throttle.lockedSeconds(username, clientAddress);
        if (seconds > 0) {
            throw new TooManyRequestsException("Too many failed logins for this account or from this address; "
                    + "try again in " + seconds + " seconds", seconds);
        }
    }

    private void auditLogin(String username, String action, String reason, String clientAddress) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("reason", reason);
        what.put("address", clientAddress);
        try {
            audit.record("anonymous", "Login", username.length() > 64 ? username.substring(0, 64) : username, action,
                    null, what);
        } catch (RuntimeException e) {
            LOG.warn("Cannot audit a failed login of '{}'", username, e);
        }
    }

    @Override
    public Token login(String username, String password, String clientAddress) {
        Caller caller = authenticate(username, password, clientAddress)
                .orElseThrow(() -> new UnauthorizedException("Unknown user or wrong password"));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = Instant.now();
        Instant expires = now.plus(tokenTtl);
        Transactions.write(emf, em -> {
            em.createQuery("DELETE FROM TokenEntity t WHERE t.expiresAt < :now").setParameter("now", now).executeUpdate();
            em.persist(new TokenEntity(PasswordHasher.sha256(token), caller.username(), now, expires));
            return null;
        });
        return new Token(token, expires, find(caller.username()).orElseThrow());
    }

    @Override
    public Optional<Caller> resolveToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Transactions.read(emf, em -> {
            TokenEntity t = em.find(TokenEntity.class, PasswordHasher.sha256(token));
            if (t == null || t.getExpiresAt().isBefore(Instant.now())) {
                return Optional.<Caller>empty();
            }
            UserEntity u = em.find(UserEntity.class, t.getUsername());
            return u == null || !u.isEnabled() ? Optional.<Caller>empty() : Optional.of(toCaller(u.toDTO()));
        });
    }

    @Override
    public void logout(String token) {
        if (token != null) {
            Transactions.write(emf, em -> em.createQuery("DELETE FROM TokenEntity t WHERE t.tokenHash = :h")
                    .setParameter("h", PasswordHasher.sha256(token)).executeUpdate());
        }
    }

    @Override
    public Optional<User> find(String username) {
        return Transactions.read(emf, em -> Optional.ofNullable(em.find(UserEntity.class, username)).map(UserEntity::toDTO));
    }

    @Override
    public List<User> list(Caller caller) {
        caller.require(Role.ADMIN, Role.CENTRAL_IT);
        return Transactions.read(emf, em -> em.createQuery("SELECT u FROM UserEntity u ORDER BY u.username",
                UserEntity.class).getResultList().stream().map(UserEntity::toDTO).toList());
    }

    @Override
    public User create(Caller caller, NewUser in) {
        return accounts.create(caller, in);
    }

    @Override
    public User update(Caller caller, String username, UserPatch patch) {
        User[] beforeAfter = accounts.update(caller, username, patch);
        forget(username);
        return beforeAfter[1];
    }

    @Override
    public void changePassword(Caller caller, PasswordChange change, String clientAddress, String keepToken) {
        caller.require();
        if (change == null) {
            throw InvalidInputException.field("body", "is required");
        }
        if (change.oldPassword() == null || change.oldPassword().isEmpty()) {
            throw InvalidInputException.field("oldPassword", "is required");
        }
        if (change.newPassword() == null || change.newPassword().isEmpty()) {
            throw InvalidInputException.field("newPassword", "is required");
        }
        // the old password is a password guess like any login: throttled, counted and audited
        refuseWhileLocked(caller.username(), clientAddress);
        if (check(caller.username(), change.oldPassword(), clientAddress).isEmpty()) {
            throw InvalidInputException.field("oldPassword", "does not match the current password");
        }
        accounts.setPassword(caller, change.newPassword(), keepToken == null ? null : PasswordHasher.sha256(keepToken));
        forget(caller.username());
    }

    /** Drops the remembered Basic credentials of an account, so a change applies at once. */
    private void forget(String username) {
        verified.values().removeIf(r -> r.caller().username().equals(username));
    }

    @Override
    public long count() {
        return Transactions.read(emf, em -> new Where().count(em, "UserEntity", "u"));
    }

    private static Caller toCaller(User user) {
        return new Caller(user.username(), user.roles(), user.orgUnits());
    }
}

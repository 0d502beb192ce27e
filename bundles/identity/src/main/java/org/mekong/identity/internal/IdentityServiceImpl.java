package org.mekong.identity.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Role;
import org.mekong.core.api.UnauthorizedException;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.identity.NewUser;
import org.mekong.core.api.identity.Token;
import org.mekong.core.api.identity.User;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.schema.SchemaMigrator;
import org.mekong.identity.internal.entities.TokenEntity;
import org.mekong.identity.internal.entities.UserEntity;
import org.mekong.storage.jpa.Transactions;
import org.mekong.storage.jpa.Where;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts in APP_USER, checked against salted PBKDF2 hashes; bearer tokens stored as hashes.
 * Creates the first administrator on first start.
 */
@Component(service = IdentityService.class, configurationPid = "org.mekong.identity")
@Designate(ocd = IdentityConfig.class)
public class IdentityServiceImpl implements IdentityService {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityServiceImpl.class);
    private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{2,63}$");
    private static final int MIN_PASSWORD = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String ADMIN = "admin";

    private final EntityManagerFactory emf;
    private final OrgUnitService orgUnits;
    private final AuditService audit;
    private final Duration tokenTtl;
    private final Duration basicCache;
    /** Recently verified Basic credentials: SHA-256(user NUL password) -> caller and expiry. */
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

    private record Remembered(Caller caller, Instant until) {
    }

    @Activate
    public IdentityServiceImpl(@Reference(target = "(osgi.unit.name=mekong-identity)") EntityManagerFactory emf,
            @Reference SchemaMigrator migrator, @Reference OrgUnitService orgUnits, @Reference AuditService audit,
            IdentityConfig config) {
        this.emf = emf;
        this.orgUnits = orgUnits;
        this.audit = audit;
        if (config.token_ttl_minutes() < 1) {
            throw new IllegalArgumentException("token.ttl.minutes must be at least 1, got " + config.token_ttl_minutes());
        }
        this.tokenTtl = Duration.ofMinutes(config.token_ttl_minutes());
        this.basicCache = Duration.ofSeconds(Math.max(0, config.basic_cache_seconds()));
        migrator.migrate("db/identity-changelog.xml", getClass().getClassLoader());
        ensureAdmin(config.admin_password());
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
        if (password.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("The first admin password from " + source + " must have at least "
                    + MIN_PASSWORD + " characters");
        }
        Transactions.write(emf, em -> {
            em.persist(new UserEntity(ADMIN, "Administrator", PasswordHasher.hash(password),
                    EnumSet.of(Role.ADMIN, Role.CENTRAL_IT), Set.of("VN")));
            return null;
        });
        LOG.info("Created the first administrator 'admin' with the password from {}", source);
    }

    @Override
    public Optional<Caller> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        String key = PasswordHasher.sha256(username + "\u0000" + password);
        Remembered hit = verified.get(key);
        Instant now = Instant.now();
        if (hit != null && hit.until().isAfter(now)) {
            return Optional.of(hit.caller());
        }
        Optional<UserEntity> user = Transactions.read(emf, em -> Optional.ofNullable(em.find(UserEntity.class, username)));
        if (user.isEmpty() || !user.get().isEnabled() || !PasswordHasher.matches(password, user.get().getPasswordHash())) {
            verified.remove(key);
            return Optional.empty();
        }
        Caller caller = toCaller(user.get().toDTO());
        if (!basicCache.isZero()) {
            verified.put(key, new Remembered(caller, now.plus(basicCache)));
        }
        return Optional.of(caller);
    }

    @Override
    public Token login(String username, String password) {
        Caller caller = authenticate(username, password)
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
        caller.require(Role.ADMIN, Role.CENTRAL_IT);
        if (in == null) {
            throw InvalidInputException.field("body", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        if (in.username() == null || !USERNAME.matcher(in.username()).matches()) {
            problems.add(new ErrorDetail("username", "3-64 characters: lower-case letters, digits, '.', '_', '-', starting with a letter"));
        }
        if (in.password() == null || in.password().length() < MIN_PASSWORD) {
            problems.add(new ErrorDetail("password", "at least " + MIN_PASSWORD + " characters"));
        }
        if (in.roles() == null || in.roles().isEmpty()) {
            problems.add(new ErrorDetail("roles", "at least one role"));
        } else if (in.roles().contains(Role.ADMIN) && !caller.hasRole(Role.ADMIN)) {
            problems.add(new ErrorDetail("roles", "only an ADMIN may create another ADMIN"));
        }
        Set<String> units = in.orgUnits() == null ? Set.of() : in.orgUnits();
        for (String unit : units) {
            if (orgUnits.find(unit).isEmpty()) {
                problems.add(new ErrorDetail("orgUnits", "unknown org unit '" + unit + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
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

    @Override
    public long count() {
        return Transactions.read(emf, em -> new Where().count(em, "UserEntity", "u"));
    }

    private static Caller toCaller(User user) {
        return new Caller(user.username(), user.roles(), user.orgUnits());
    }
}

package org.mekong.core.api.identity;

import java.util.List;
import java.util.Optional;

import org.mekong.core.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Accounts, password checks and bearer tokens. Every password check (REST login, HTTP Basic, SOAP,
 * the JAAS realm behind SSH) goes through {@link #authenticate(String, String, String)}, which
 * applies the per-account and per-address lockout.
 */
@ProviderType
public interface IdentityService {

    /**
     * Checks a username and password presented from a client address (may be null when unknown);
     * empty when they do not match an enabled account.
     *
     * @throws org.mekong.core.api.TooManyRequestsException while the account or the address is
     *         locked after too many failures, even for the right password
     */
    Optional<Caller> authenticate(String username, String password, String clientAddress);

    /** As {@link #authenticate(String, String, String)} with no known client address. */
    default Optional<Caller> authenticate(String username, String password) {
        return authenticate(username, password, null);
    }

    /** Logs in: a new bearer token, a 401 when the credentials do not match, a 429 while locked. */
    Token login(String username, String password, String clientAddress);

    /** As {@link #login(String, String, String)} with no known client address. */
    default Token login(String username, String password) {
        return login(username, password, null);
    }

    /** The caller behind a bearer token, empty when unknown, expired or the account is disabled. */
    Optional<Caller> resolveToken(String token);

    void logout(String token);

    Optional<User> find(String username);

    List<User> list(Caller caller);

    User create(Caller caller, NewUser user);

    /**
     * Changes the caller's own password: the old one must match and the new one meet the password
     * policy. The old password counts as a login attempt from {@code clientAddress} (may be null).
     * Every other bearer token of the account is revoked; {@code keepToken} (the token of the
     * request, may be null) stays valid.
     */
    void changePassword(Caller caller, PasswordChange change, String clientAddress, String keepToken);

    /**
     * Changes an account's display name, enabled flag, roles or org units (null fields stay as
     * they are); audited with before and after. Disabling revokes the account's tokens at once.
     */
    User update(Caller caller, String username, UserPatch patch);

    long count();
}

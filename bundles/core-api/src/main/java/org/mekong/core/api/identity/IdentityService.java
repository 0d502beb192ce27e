package org.mekong.core.api.identity;

import java.util.List;
import java.util.Optional;

import org.mekong.core.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/** Accounts, password checks and bearer tokens. */
@ProviderType
public interface IdentityService {

    /** Checks a username and password; empty when they do not match an enabled account. */
    Optional<Caller> authenticate(String username, String password);

    /** Logs in: a new bearer token, or a 401 when the credentials do not match. */
    Token login(String username, String password);

    /** The caller behind a bearer token, empty when unknown or expired. */
    Optional<Caller> resolveToken(String token);

    void logout(String token);

    Optional<User> find(String username);

    List<User> list(Caller caller);

    User create(Caller caller, NewUser user);

    long count();
}

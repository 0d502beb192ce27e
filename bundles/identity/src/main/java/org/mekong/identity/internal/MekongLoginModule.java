package org.mekong.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AccountLockedException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.core.api.TooManyRequestsException;
import org.mekong.core.api.identity.IdentityService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * JAAS login against Mekong accounts. Mekong roles become role principals; only ADMIN also gets
 * Karaf's own roles (admin, manager, viewer, ssh), so only administrators may open the shell. The
 * password check is the identity service's, so SSH shares the lockout of REST and SOAP, keyed also
 * by the SSH client's address.
 */
public class MekongLoginModule implements LoginModule {
    private static final List<String> KARAF_ROLES = List.of("admin", "manager", "viewer", "ssh", "systembundles");

    private Subject subject;
    private CallbackHandler handler;
    private BundleContext context;
    private Caller caller;
    private final List<java.security.Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.context = (BundleContext) options.get(BundleContext.class.getName());
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            handler.handle(new Callback[] { name, password });
        } catch (Exception e) {
            throw new LoginException("Cannot read credentials: " + e.getMessage());
        }
        char[] secret = password.getPassword();
        ServiceReference<IdentityService> ref = context.getServiceReference(IdentityService.class);
        if (ref == null) {
            throw new LoginException("The Mekong identity service is not available");
        }
        try {
            IdentityService identity = context.getService(ref);
            Optional<Caller> found = identity.authenticate(name.getName(), secret == null ? null : new String(secret),
                    clientAddress());
            caller = found.orElseThrow(() -> new FailedLoginException("Unknown user or wrong password"));
        } catch (TooManyRequestsException e) {
            throw new AccountLockedException(e.getMessage());
        } finally {
            context.ungetService(ref);
            password.clearPassword();
        }
        return true;
    }

    /** The remote address Karaf's SSH server puts into the subject before login, if any. */
    private String clientAddress() {
        return subject == null ? null : subject.getPrincipals(ClientPrincipal.class).stream().map(ClientPrincipal::getAddress)
                .filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
    }

    @Override
    public boolean commit() {
        if (caller == null) {
            return false; // this module did not log in (e.g. an SSH key did, through the realm's key module)
        }
        principals.add(new UserPrincipal(caller.username()));
        caller.roles().forEach(r -> principals.add(new RolePrincipal(r.name())));
        if (caller.hasRole(Role.ADMIN)) {
            KARAF_ROLES.forEach(r -> principals.add(new RolePrincipal(r)));
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        caller = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}

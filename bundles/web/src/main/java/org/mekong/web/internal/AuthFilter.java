package org.mekong.web.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Caller;
import org.mekong.core.api.PayloadTooLargeException;
import org.mekong.core.api.TooManyRequestsException;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.web.api.MekongRest;
import org.mekong.web.api.MekongRest.CallerPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Authenticates every request of the Mekong application from a bearer token or HTTP Basic, and
 * bounds the request body. No credentials means an anonymous caller (services decide what the
 * public may do); wrong credentials are a 401 at once.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = "org.mekong.web")
@Designate(ocd = WebConfig.class)
@JaxrsExtension
@JaxrsName("mekong.auth")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private final IdentityService identity;
    private final long maxBody;
    /** The servlet request of the current call (a proxy), for the client address of a Basic login. */
    @Context
    private HttpServletRequest servletRequest;

    @Activate
    public AuthFilter(@Reference IdentityService identity, WebConfig config) {
        if (config.max_body_bytes() < 1024) {
            throw new IllegalArgumentException("max.body.bytes must be at least 1024, got " + config.max_body_bytes());
        }
        this.identity = identity;
        this.maxBody = config.max_body_bytes();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        bound(request);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return;
        }
        Optional<Caller> caller;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            caller = identity.resolveToken(header.substring(7).trim());
            if (caller.isEmpty()) {
                request.abortWith(ErrorMapper.respond(401, "unauthorized", "The token is unknown or has expired; log in again", List.of(), wantsChallenge(request)));
                return;
            }
        } else if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                caller = basic(header.substring(6).trim());
            } catch (TooManyRequestsException locked) {
                request.abortWith(javax.ws.rs.core.Response.fromResponse(ErrorMapper.respond(429, locked.code(),
                        locked.getMessage(), List.of())).header("Retry-After", Long.toString(locked.retryAfterSeconds())).build());
                return;
            }
            if (caller.isEmpty()) {
                request.abortWith(ErrorMapper.respond(401, "unauthorized", "Unknown user or wrong password", List.of(), wantsChallenge(request)));
                return;
            }
        } else {
            request.abortWith(ErrorMapper.respond(401, "unauthorized", "Use 'Authorization: Bearer <token>' or HTTP Basic", List.of(), wantsChallenge(request)));
            return;
        }
        Caller c = caller.get();
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            private final CallerPrincipal principal = new CallerPrincipal(c);

            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return c.roles().stream().anyMatch(r -> r.name().equals(role));
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return header.substring(0, header.indexOf(' ')).toUpperCase();
            }
        });
    }

    private static boolean wantsChallenge(ContainerRequestContext request) {
        return request.getHeaderString("X-Requested-With") == null;
    }

    private Optional<Caller> basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : identity.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1), clientAddress());
    }

    private String clientAddress() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (RuntimeException outsideARequest) {
            return null;
        }
    }

    private void bound(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBody) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                // a malformed length is the container's problem; the stream bound below still holds
            }
        }
        if (request.hasEntity()) {
            request.setEntityStream(new BoundedStream(request.getEntityStream(), maxBody));
        }
    }

    private PayloadTooLargeException tooLarge() {
        return new PayloadTooLargeException("The request body exceeds the limit of " + maxBody + " bytes");
    }

    /** Fails with 413 as soon as more than the limit has been read. */
    private final class BoundedStream extends FilterInputStream {
        private long remaining;

        BoundedStream(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw tooLarge();
                }
            }
            return n;
        }
    }
}

package org.mekong.web.internal.soap;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.mekong.core.api.Caller;
import org.mekong.core.api.TooManyRequestsException;
import org.mekong.core.api.identity.IdentityService;

/**
 * Authenticates SOAP requests from HTTP Basic or a bearer token before the call, answering wrong
 * credentials with a plain HTTP 401 (not a SOAP fault over 500). No credentials: anonymous. While
 * the login lockout holds, Basic credentials get a SOAP fault with HTTP 429 and Retry-After.
 */
class SoapAuthInterceptor extends AbstractPhaseInterceptor<Message> {
    /** Key of the servlet response in a CXF HTTP message (AbstractHTTPDestination.HTTP_RESPONSE). */
    private static final String HTTP_RESPONSE = "HTTP.RESPONSE";
    /** Key of the servlet request (AbstractHTTPDestination.HTTP_REQUEST). */
    private static final String HTTP_REQUEST = "HTTP.REQUEST";
    private final IdentityService identity;

    SoapAuthInterceptor(IdentityService identity) {
        super(Phase.READ);
        this.identity = identity;
    }

    @Override
    public void handleMessage(Message message) {
        AuthorizationPolicy policy = message.get(AuthorizationPolicy.class);
        Optional<Caller> caller = Optional.empty();
        boolean presented = false;
        if (policy != null && policy.getUserName() != null) {
            presented = true;
            try {
                caller = identity.authenticate(policy.getUserName(), policy.getPassword(), clientAddress(message));
            } catch (TooManyRequestsException locked) {
                HttpServletResponse response = (HttpServletResponse) message.get(HTTP_RESPONSE);
                if (response != null) {
                    response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
                }
                throw SoapCalls.fault(locked);
            }
        } else {
            String bearer = bearer(message);
            if (bearer != null) {
                presented = true;
                caller = identity.resolveToken(bearer);
            }
        }
        if (caller.isPresent()) {
            message.getExchange().put(Caller.class, caller.get());
        } else if (presented) {
            reject(message);
        }
    }

    private static String clientAddress(Message message) {
        Object request = message.get(HTTP_REQUEST);
        return request instanceof HttpServletRequest r ? r.getRemoteAddr() : null;
    }

    @SuppressWarnings("unchecked")
    private static String bearer(Message message) {
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if ("Authorization".equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()
                    && h.getValue().get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
                return h.getValue().get(0).substring(7).trim();
            }
        }
        return null;
    }

    private static void reject(Message message) {
        HttpServletResponse response = (HttpServletResponse) message.get(HTTP_RESPONSE);
        if (response == null) {
            throw new Fault(new SecurityException("Unknown user or wrong password"));
        }
        try {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "Basic realm=\"mekong\"");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("Unknown user or wrong password");
            response.flushBuffer();
        } catch (IOException e) {
            throw new Fault(e);
        }
        message.getInterceptorChain().abort();
    }
}

package org.mekong.web.internal.soap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.mekong.core.api.Caller;
import org.mekong.core.api.TooManyRequestsException;
import org.mekong.core.api.UnauthorizedException;
import org.mekong.core.api.identity.IdentityService;

/**
 * Authenticates SOAP requests from HTTP Basic or a bearer token before the call, answering wrong
 * credentials with a SOAP fault (code unauthorized, HTTP 500). No credentials: anonymous, and an
 * operation that needs an account answers the same fault. While the login lockout holds, Basic
 * credentials get a fault with the code too_many_requests and a Retry-After header.
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

    /**
     * Wrong credentials: a soap:Client fault (HTTP 500 like every fault, WS-I BP R1126) with the code
     * unauthorized. The WWW-Authenticate challenge stays: HTTP allows it on any response (RFC 9110
     * 11.6.1) and WS-I constrains no header, so clients that look for the scheme still find it.
     */
    private static void reject(Message message) {
        HttpServletResponse response = (HttpServletResponse) message.get(HTTP_RESPONSE);
        if (response != null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"mekong\"");
        }
        throw SoapCalls.fault(new UnauthorizedException("Sai tên đăng nhập hoặc mật khẩu / Unknown user or wrong password"));
    }
}

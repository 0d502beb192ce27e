package org.mekong.web.internal.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * In front of everything the server answers (pages, REST, SOAP, in every HTTP whiteboard context):
 * refuses a Host header this server does not answer to, refuses cross-site state changes made with
 * a browser's ambient credentials, and adds the security headers (CSP, nosniff, frame-ancestors,
 * Referrer-Policy, and HSTS over HTTPS) to every answer.
 */
@Component(service = Filter.class,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN + "=/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME + "=mekong-security",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_ASYNC_SUPPORTED + ":Boolean=true",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)",
            "service.ranking:Integer=1000" })
public class GuardFilter implements Filter {
    private final WebSecurity settings;

    @Activate
    public GuardFilter(@Reference WebSecurity settings) {
        this.settings = settings;
    }

    @Override
    public void init(javax.servlet.FilterConfig config) {
        // configured by Config Admin, not by the servlet container
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        headers(request, response);
        String host = request.getHeader("Host");
        if (!settings.hosts().allows(host)) {
            refuse(response, 400, "bad_request", "This server does not answer to the host '" + clip(host)
                    + "'; use its public address");
            return;
        }
        if (settings.csrf()) {
            String why = CrossSiteCheck.refusal(request.getMethod(), request.getHeader("Cookie"),
                    request.getHeader("Authorization"), request.getHeader("Origin"), request.getHeader("Referer"), host,
                    settings.publicUrl());
            if (why != null) {
                refuse(response, 403, "forbidden", why);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    private void headers(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        String csp = settings.csp();
        if (csp != null && !csp.isBlank()) {
            response.setHeader("Content-Security-Policy", csp);
        }
        if (request.isSecure() && settings.hstsSeconds() > 0) {
            response.setHeader("Strict-Transport-Security", "max-age=" + settings.hstsSeconds() + "; includeSubDomains");
        }
    }

    private static void refuse(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"details\":[]}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String clip(String s) {
        String t = s == null ? "" : s.replaceAll("[^A-Za-z0-9.:\\[\\]_-]", "?");
        return t.length() > 100 ? t.substring(0, 100) : t;
    }
}

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

import org.mekong.web.api.PublicAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of everything the server answers (pages, REST, SOAP, in every HTTP whiteboard context):
 * refuses a Host header this server does not answer to, refuses cross-site state changes made with
 * a browser's ambient credentials, and adds the security headers (CSP, nosniff, frame-ancestors,
 * Referrer-Policy, and HSTS over HTTPS) to every answer.
 */
@Component(service = { Filter.class, PublicAddress.class }, configurationPid = "org.mekong.web.security",
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN + "=/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME + "=mekong-security",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_ASYNC_SUPPORTED + ":Boolean=true",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=*)",
            "service.ranking:Integer=1000" })
@Designate(ocd = GuardConfig.class)
public class GuardFilter implements Filter, PublicAddress {
    private static final Logger LOG = LoggerFactory.getLogger(GuardFilter.class);

    private volatile AllowedHosts hosts;
    private volatile String publicUrl;
    private volatile String csp;
    private volatile long hstsSeconds;
    private volatile boolean csrf;

    @Activate
    @Modified
    void configure(GuardConfig config) {
        String url = config.public_url() == null ? "" : config.public_url().strip();
        if (!url.isEmpty() && !url.matches("^https?://[^/\\s]+(/\\S*)?$")) {
            throw new IllegalArgumentException("public.url must be an http(s) address such as https://mekong.gov.vn, got '" + url + "'");
        }
        publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        hosts = AllowedHosts.of(config.allowed_hosts(), publicUrl);
        csp = config.content_security_policy();
        hstsSeconds = Math.max(0, config.hsts_seconds());
        csrf = config.csrf_check();
        if (publicUrl.isEmpty()) {
            LOG.info("public.url is not set (org.mekong.web.security): links follow the request's Host, one of {}", hosts.names());
        }
    }

    @Override
    public String base(String requestBase) {
        return publicUrl.isEmpty() ? requestBase : publicUrl;
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
        if (!hosts.allows(host)) {
            refuse(response, 400, "bad_request", "This server does not answer to the host '" + clip(host)
                    + "'; use its public address");
            return;
        }
        if (csrf) {
            String why = CrossSiteCheck.refusal(request.getMethod(), request.getHeader("Cookie"),
                    request.getHeader("Authorization"), request.getHeader("Origin"), request.getHeader("Referer"), host,
                    publicUrl);
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
        if (csp != null && !csp.isBlank()) {
            response.setHeader("Content-Security-Policy", csp);
        }
        if (request.isSecure() && hstsSeconds > 0) {
            response.setHeader("Strict-Transport-Security", "max-age=" + hstsSeconds + "; includeSubDomains");
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

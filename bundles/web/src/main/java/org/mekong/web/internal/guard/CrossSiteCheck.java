package org.mekong.web.internal.guard;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery check: a browser sends cookies and cached HTTP Basic credentials with
 * any request, also one a page on another site makes it send. A state-changing request that carries
 * such ambient credentials must come from this site (its Origin, or else its Referer). Requests with
 * neither header come from programs (integrators, curl), which a forged page cannot make; bearer
 * tokens are never sent by the browser on its own, so they need no check.
 */
final class CrossSiteCheck {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private CrossSiteCheck() {
    }

    /** Null when the request may go on, else why it is refused. */
    static String refusal(String method, String cookie, String authorization, String origin, String referer,
            String host, String publicUrl) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return null;
        }
        boolean ambient = (cookie != null && !cookie.isBlank())
                || (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6));
        if (!ambient) {
            return null;
        }
        String source = origin != null && !origin.isBlank() ? origin.strip() : referer;
        if (source == null || source.isBlank()) {
            return null;
        }
        String authority = authority(source);
        if (authority != null && (authority.equals(lower(host)) || authority.equals(authority(publicUrl)))) {
            return null;
        }
        return "A request from another site (" + (authority == null ? source : authority)
                + ") may not change data with this browser's sign-in; sign in on this site and use its pages";
    }

    private static String authority(String url) {
        if (url == null || url.isBlank() || "null".equals(url.strip())) {
            return null;
        }
        try {
            URI u = URI.create(url.strip());
            if (u.getHost() == null) {
                return null;
            }
            int port = u.getPort();
            boolean defaultPort = port < 0 || ("https".equalsIgnoreCase(u.getScheme()) && port == 443)
                    || ("http".equalsIgnoreCase(u.getScheme()) && port == 80);
            return lower(u.getHost()) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String lower(String s) {
        if (s == null) {
            return null;
        }
        String h = s.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(":80") || h.endsWith(":443") ? h.substring(0, h.lastIndexOf(':')) : h;
    }
}

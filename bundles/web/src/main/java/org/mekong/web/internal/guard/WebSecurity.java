package org.mekong.web.internal.guard;

import org.mekong.web.api.PublicAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web security settings (pid {@code org.mekong.web.security}): the public address, the hosts
 * the server answers to, the CSP, HSTS and the cross-site check. A component of its own, so that a
 * change takes effect at once without the HTTP whiteboard re-registering the filter that applies it
 * (a re-registration leaves a moment in which requests pass unfiltered).
 */
@Component(service = { WebSecurity.class, PublicAddress.class }, configurationPid = "org.mekong.web.security")
@Designate(ocd = GuardConfig.class)
public class WebSecurity implements PublicAddress {
    private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);

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

    AllowedHosts hosts() {
        return hosts;
    }

    String publicUrl() {
        return publicUrl;
    }

    String csp() {
        return csp;
    }

    long hstsSeconds() {
        return hstsSeconds;
    }

    boolean csrf() {
        return csrf;
    }
}

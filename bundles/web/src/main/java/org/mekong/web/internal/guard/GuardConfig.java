package org.mekong.web.internal.guard;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mekong web security", description = "Host check, security headers and cross-site "
        + "request checks in front of every page, REST and SOAP answer")
@interface GuardConfig {

    @AttributeDefinition(description = "The address the public reaches the server at, e.g. https://mekong.gov.vn; "
            + "links in feeds, WSDLs and Open311 answers are built from it. Required in production.")
    String public_url() default "";

    @AttributeDefinition(description = "Host names (optionally host:port) requests may name in their Host header, "
            + "comma-separated. Empty: the host of public.url, localhost and this machine's own names and addresses.")
    String allowed_hosts() default "";


    @AttributeDefinition(description = "Content-Security-Policy sent with every answer")
    String content_security_policy() default "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @AttributeDefinition(description = "max-age of Strict-Transport-Security on HTTPS answers, in seconds; 0 sends none")
    long hsts_seconds() default 31_536_000L;

    @AttributeDefinition(description = "Refuse state-changing requests that carry a cookie or HTTP Basic and come from "
            + "another site (Origin / Referer / Sec-Fetch-Site)")
    boolean csrf_check() default true;
}

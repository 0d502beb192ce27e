package org.mekong.feedback.internal.rest;

import java.util.function.BiConsumer;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.Context;

import org.mekong.feedback.internal.IntakeLimiter;
import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} headers of
 * an intake refusal (the 429 body and {@code Retry-After} come from the shared error mapper):
 * the resource leaves the refused quota on the request, this filter writes it out.
 */
@Component(service = ContainerResponseFilter.class)
@JaxrsExtension
@JaxrsName("mekong.feedback.ratelimit")
@JaxrsApplicationSelect(MekongRest.APPLICATION_SELECT)
public class RateLimitHeaders implements ContainerResponseFilter {
    static final String QUOTA = "org.mekong.feedback.quota";

    @Context
    private HttpServletRequest request;

    /** Remembers the quota of a refusal on the request, for the filter. */
    static void remember(HttpServletRequest request, Throwable e) {
        IntakeLimiter.Quota q = quota(e);
        if (q != null && request != null) {
            request.setAttribute(QUOTA, q);
        }
    }

    /** Writes the headers of a refusal's quota, if the throwable is one. */
    static void add(Throwable e, BiConsumer<String, Object> header) {
        write(quota(e), header);
    }

    private static IntakeLimiter.Quota quota(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IntakeLimiter.LimitedException l) {
                return l.quota();
            }
        }
        return null;
    }

    private static void write(IntakeLimiter.Quota q, BiConsumer<String, Object> header) {
        if (q != null) {
            header.accept("RateLimit-Limit", Integer.toString(q.limit()));
            header.accept("RateLimit-Remaining", Integer.toString(q.remaining()));
            header.accept("RateLimit-Reset", Long.toString(q.resetSeconds()));
        }
    }

    @Override
    public void filter(ContainerRequestContext in, ContainerResponseContext out) {
        Object q = in.getProperty(QUOTA);
        if (q == null && request != null) {
            try {
                q = request.getAttribute(QUOTA);
            } catch (RuntimeException outsideARequest) {
                q = null;
            }
        }
        if (q instanceof IntakeLimiter.Quota quota && !out.getHeaders().containsKey("RateLimit-Limit")) {
            write(quota, out.getHeaders()::add);
        }
    }
}

package org.mekong.web.api;

import java.security.Principal;

import javax.ws.rs.core.SecurityContext;

import org.mekong.core.api.Caller;

/**
 * Constants and helpers for REST resources joining the Mekong JAX-RS application. A plugin
 * resource is a DS component with {@code @JaxrsResource} and
 * {@code @JaxrsApplicationSelect("(osgi.jaxrs.name=" + MekongRest.APPLICATION + ")")}; it is served
 * under {@code /api} and reads the authenticated caller with {@link #caller(SecurityContext)}.
 */
public final class MekongRest {
    /** The JAX-RS whiteboard name of the Mekong application (base {@code /api}). */
    public static final String APPLICATION = "mekong";
    /** Filter selecting the Mekong application, for {@code @JaxrsApplicationSelect}. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION + ")";

    private MekongRest() {
    }

    /** The caller of the current request; anonymous when no credentials were sent. */
    public static Caller caller(SecurityContext security) {
        Principal p = security == null ? null : security.getUserPrincipal();
        return p instanceof CallerPrincipal c ? c.caller() : Caller.anonymous();
    }

    /** The principal the Mekong authentication filter puts on each authenticated request. */
    public record CallerPrincipal(Caller caller) implements Principal {
        @Override
        public String getName() {
            return caller.username();
        }
    }
}

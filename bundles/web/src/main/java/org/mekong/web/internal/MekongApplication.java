package org.mekong.web.internal;

import javax.ws.rs.core.Application;

import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The Mekong JAX-RS application at {@code /api}. It is served only once its JSON provider,
 * error mappers and authentication filter are registered, so no resource is ever reachable
 * without authentication or with raw error pages.
 */
@Component(service = Application.class)
@JaxrsApplicationBase("api")
@JaxrsName(MekongRest.APPLICATION)
@JaxrsExtensionSelect({ "(osgi.jaxrs.name=mekong.json)", "(osgi.jaxrs.name=mekong.auth)",
        "(osgi.jaxrs.name=mekong.errors)" })
public class MekongApplication extends Application {
}

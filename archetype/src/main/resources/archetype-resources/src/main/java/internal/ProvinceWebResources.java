package ${package}.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** Serves the plugin's page (src/main/resources/web) at {@code /${province}/*}. */
@Component(service = ProvinceWebResources.class)
@HttpWhiteboardResource(pattern = "/${province}/*", prefix = "/web")
public class ProvinceWebResources {
}

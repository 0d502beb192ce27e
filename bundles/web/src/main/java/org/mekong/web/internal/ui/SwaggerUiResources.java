package org.mekong.web.internal.ui;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * Swagger UI's script and style (copied from its WebJar into this bundle) at
 * {@code /api-docs/lib/*}; the page itself is {@code /ui/api-docs.html}, pointed at our OpenAPI.
 */
@Component(service = SwaggerUiResources.class)
@HttpWhiteboardResource(pattern = "/api-docs/lib/*", prefix = WebJarPaths.SWAGGER_UI)
public class SwaggerUiResources {
}

package org.mekong.web.internal.ui;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** Serves the UI shell's static files at {@code /ui/*} from this bundle's {@code /static}. */
@Component(service = UiResources.class)
@HttpWhiteboardResource(pattern = "/ui/*", prefix = "/static")
public class UiResources {
}

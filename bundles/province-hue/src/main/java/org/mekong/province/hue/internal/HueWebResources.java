package org.mekong.province.hue.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** Serves Hue's page at {@code /hue/*}. */
@Component(service = HueWebResources.class)
@HttpWhiteboardResource(pattern = "/hue/*", prefix = "/web")
public class HueWebResources {
}

package org.mekong.portal.internal;

import java.util.HashMap;
import java.util.Map;

import org.mekong.portal.internal.ItemRepository.Row;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts {@code mekong/portal/<STATUS>} events when an item changes status. */
final class PortalEvents {
    private final EventAdmin events;

    PortalEvents(EventAdmin events) {
        this.events = events;
    }

    void post(Row r, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put("id", r.id());
        props.put("slug", r.slug());
        props.put("kind", r.kind().name());
        props.put("actor", actor);
        events.postEvent(new Event("mekong/portal/" + r.status().name(), props));
    }
}

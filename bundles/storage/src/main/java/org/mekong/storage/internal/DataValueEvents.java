package org.mekong.storage.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.mekong.core.api.data.DataValueKey;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts {@code mekong/datavalue/<WHAT>} events after a committed change (when EventAdmin is there). */
final class DataValueEvents {
    static final String TOPIC = "mekong/datavalue/";

    private final Supplier<EventAdmin> eventAdmin;
    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();

    DataValueEvents(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /** See {@link org.mekong.core.api.data.DataValueService#revision()}. */
    long revision() {
        return revision.get();
    }

    void publish(String what, Collection<DataValueKey> keys) {
        // counted before the (asynchronous) event goes out: a reader that compares revisions sees the change at once
        revision.incrementAndGet();
        EventAdmin events = eventAdmin.get();
        if (events == null || keys.isEmpty()) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        props.put("count", keys.size());
        props.put("indicators", keys.stream().map(DataValueKey::indicator).distinct().toArray(String[]::new));
        props.put("orgUnits", keys.stream().map(DataValueKey::orgUnit).distinct().limit(1000).toArray(String[]::new));
        props.put("periods", keys.stream().map(DataValueKey::period).distinct().toArray(String[]::new));
        events.postEvent(new Event(TOPIC + what, props));
    }
}

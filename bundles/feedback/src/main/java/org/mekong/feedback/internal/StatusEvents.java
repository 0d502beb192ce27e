package org.mekong.feedback.internal;

import java.util.HashMap;
import java.util.Map;

import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.feedback.internal.Vocab.Status;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the event {@code mekong/feedback/<STATUS>} of an item that was received or changed. */
final class StatusEvents {
    private final EventAdmin events;

    StatusEvents(EventAdmin events) {
        this.events = events;
    }

    void post(Status status, String code, String unit, Channel channel) {
        Map<String, Object> props = new HashMap<>();
        props.put("code", code);
        props.put("orgUnit", unit);
        if (channel != null) {
            props.put("channel", channel.name());
        }
        events.postEvent(new Event("mekong/feedback/" + status.name(), props));
    }
}

package org.mekong.portal.internal;

import static org.mekong.portal.internal.ItemRepository.load;
import static org.mekong.portal.internal.ItemViews.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.mekong.core.api.data.AuditService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.portal.internal.ItemRepository.Row;
import org.mekong.portal.internal.Vocab.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes SCHEDULED items once their time has come, on a timer and (at most once a second) before public reads. */
final class PublicationScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(PublicationScheduler.class);

    private final DataSource ds;
    private final PortalIndex index;
    private final AuditService audit;
    private final Revisions revisions;
    private final PortalEvents events;
    private final AtomicLong lastPromotion = new AtomicLong();
    private final ScheduledExecutorService scheduler;

    PublicationScheduler(DataSource ds, PortalIndex index, AuditService audit, Revisions revisions,
            PortalEvents events) {
        this.ds = ds;
        this.index = index;
        this.audit = audit;
        this.revisions = revisions;
        this.events = events;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mekong-portal-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the timer that checks every {@code everySeconds} (at least 1). */
    void start(int everySeconds) {
        int every = Math.max(1, everySeconds);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                promoteDue();
            } catch (RuntimeException e) {
                LOG.warn("Publishing scheduled portal items failed: {}", e.toString());
            }
        }, every, every, TimeUnit.SECONDS);
    }

    void stop() {
        scheduler.shutdownNow();
    }

    /** Publishes scheduled items whose time has come (at most once a second from reads). */
    void promoteIfDue() {
        long now = System.currentTimeMillis();
        long last = lastPromotion.get();
        if (now - last >= 1000 && lastPromotion.compareAndSet(last, now)) {
            promoteDue();
        }
    }

    /** Publishes every SCHEDULED item whose publication time has passed; answers how many. */
    int promoteDue() {
        Instant now = Instant.now();
        List<Long> due = Jdbc.read(ds, c -> Jdbc.list(c,
                "SELECT ID FROM PT_ITEM WHERE STATUS = 'SCHEDULED' AND PUBLISH_AT <= ?", r -> r.getLong(1), now));
        int n = 0;
        for (long id : due) {
            Row after = Jdbc.write(ds, c -> {
                Row r = load(c, id, true);
                if (r.status() != Status.SCHEDULED) {
                    return null;
                }
                Jdbc.update(c, "UPDATE PT_ITEM SET STATUS = 'PUBLISHED', PUBLISHED_AT = ?, UPDATED_AT = ?, "
                        + "VERSION = VERSION + 1 WHERE ID = ?", r.publishAt(), now, id);
                Row a = load(c, id, true);
                revisions.write(c, a, "PUBLISH", "scheduler", "Published as scheduled");
                return a;
            });
            if (after != null) {
                index.put(entry(after));
                audit.record("scheduler", "PortalItem", Long.toString(id), "PUBLISHED", Map.of("status", "SCHEDULED"),
                        Map.of("status", "PUBLISHED"));
                events.post(after, "scheduler");
                n++;
            }
        }
        return n;
    }
}

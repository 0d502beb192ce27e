package org.mekong.monitoring.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.mekong.core.api.Caller;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

/**
 * Dashboard levels computed once and shared, for at most {@link #MAX_AGE_NANOS}, by the readers who
 * see the same values: the public, or staff with the same roles and units (the core's visibility
 * rule depends on nothing else). A national overview read by many at once is computed once a second,
 * not once per reader. A data value, task, target or indicator definition change on this node is seen
 * at once (an entry remembers the data {@link org.mekong.core.api.data.DataValueService#revision()
 * revision}, the task and target revisions and the definitions it was computed with); feedback and scope changes drop every entry when their event arrives, and
 * anything else (another node's writes, new org units) shows within the second. Access is checked on every
 * read before the cache is asked. Concurrent readers of a missing entry wait for the one computation.
 */
@Component(service = { OverviewCache.class, EventHandler.class }, property = { "event.topics=mekong/datavalue/*",
        "event.topics=mekong/task/*", "event.topics=mekong/feedback/*", "event.topics=mekong/scope/CHANGED",
        "event.topics=mekong/indicator/*" })
public class OverviewCache implements EventHandler {
    static final long MAX_AGE_NANOS = 1_000_000_000L;
    private static final int MAX_ENTRIES = 2_000;

    private record Entry(CompletableFuture<Object> value, long at, long generation, List<Long> revisions) {
    }

    private final DataValueService values;
    private final TaskService tasks;
    private final TargetService targets;
    private final IndicatorRegistry indicators;

    @Activate
    public OverviewCache(@Reference DataValueService values, @Reference TaskService tasks,
            @Reference TargetService targets, @Reference IndicatorRegistry indicators) {
        this.values = values;
        this.tasks = tasks;
        this.targets = targets;
        this.indicators = indicators;
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** The key part that says which values the caller sees: the public, or staff by their roles and units. */
    static String audience(Caller caller) {
        if (caller == null || caller.isAnonymous()) {
            return "public";
        }
        return new TreeSet<>(caller.roles().stream().map(Enum::name).toList()) + "@" + new TreeSet<>(caller.orgUnits());
    }

    /** The cached value of the key, or the one computation of it that this or another reader runs. */
    @SuppressWarnings("unchecked")
    <T> T get(String key, Supplier<T> compute) {
        long now = System.nanoTime();
        long gen = generation.get();
        // read before computing: a change committed meanwhile makes the next reader compute again
        // the definitions too (thresholds, new or retired indicators, plugins come and gone): a cheap in-memory read
        List<Long> revisions = List.of(values.revision(), tasks.revision(), targets.revision(),
                (long) indicators.list(null, true).hashCode());
        Entry mine = new Entry(new CompletableFuture<>(), now, gen, revisions);
        Entry current = entries.compute(key, (k, e) -> e != null && e.generation() == gen
                && e.revisions().equals(revisions)
                && now - e.at() < MAX_AGE_NANOS && !e.value().isCompletedExceptionally() ? e : mine);
        if (current == mine) {
            if (entries.size() > MAX_ENTRIES) {
                entries.clear();
            }
            try {
                mine.value().complete(compute.get());
            } catch (RuntimeException e) {
                entries.remove(key, mine);
                mine.value().completeExceptionally(e);
                throw e;
            }
        }
        try {
            return (T) current.value().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void handleEvent(Event event) {
        generation.incrementAndGet();
        entries.clear();
    }
}

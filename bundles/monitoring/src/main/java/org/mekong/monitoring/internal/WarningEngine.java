package org.mekong.monitoring.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every registered {@link WarningRule} (built-in and from plugins) on a schedule and
 * {@code warnings.after.change.seconds} after data changes (events {@code mekong/datavalue/*}, {@code mekong/task/*},
 * {@code mekong/feedback/*}), after a plugin's scope changes ({@code mekong/scope/CHANGED}: a scoped
 * plugin's rules raise warnings only for units within its scope), and on demand. A rule that throws is logged and skipped; the
 * others still run. When a rule goes away its open warnings are closed.
 */
// Topics as a plain property: the @EventTopics annotation would require an osgi.implementation
// capability that Karaf's Event Admin does not declare.
@Component(service = { WarningEngine.class, EventHandler.class }, configurationPid = "org.mekong.monitoring",
        property = { "event.topics=mekong/datavalue/*", "event.topics=mekong/task/*", "event.topics=mekong/feedback/*",
            "event.topics=mekong/scope/CHANGED" })
public class WarningEngine implements EventHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WarningEngine.class);

    private final WarningStore store;
    private final MonitoringConfig config;
    private final Map<String, WarningRule> rules = new ConcurrentHashMap<>();
    /** The bundle of each rule (by id), for plugin scopes. */
    private final Map<String, String> ruleBundles = new ConcurrentHashMap<>();
    /** A scoped plugin's rules raise warnings only for units within its scope. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.mekong.core.api.orgunit.PluginScopes scopes;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mekong-warnings");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Reconciling a rule's findings and removing the rule exclude each other. */
    private final Object reconcileLock = new Object();
    private volatile long lastChange;
    private volatile long firstChange;
    private volatile boolean active;
    private ScheduledFuture<?> schedule;

    /** What a run did. */
    public record RunResult(int rules, int raised, int closed, List<String> failed) {
    }

    /** A registered rule. */
    public record RuleInfo(String id, String nameVi, String nameEn, String bundle) {
    }

    @Activate
    public WarningEngine(@Reference WarningStore store, MonitoringConfig config) {
        this.store = store;
        this.config = config;
        active = true;
        if (config.warnings_interval_minutes() > 0) {
            schedule = executor.scheduleWithFixedDelay(this::runQuietly, 20, config.warnings_interval_minutes() * 60L,
                    TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        active = false;
        if (schedule != null) {
            schedule.cancel(false);
        }
        executor.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(WarningRule rule, Map<String, Object> props, org.osgi.framework.ServiceReference<WarningRule> reference) {
        rules.put(rule.id(), rule);
        if (reference.getBundle() != null) {
            ruleBundles.put(rule.id(), reference.getBundle().getSymbolicName());
        }
        requestRun();
    }

    /** Drops the findings of a scoped plugin's rule for units outside the plugin's scope. */
    private List<WarningFinding> inScope(String ruleId, List<WarningFinding> findings) {
        org.mekong.core.api.orgunit.PluginScopes current = scopes;
        String bundle = ruleBundles.get(ruleId);
        if (current == null || bundle == null || current.scopeOf(bundle).isEmpty()) {
            return findings;
        }
        return findings.stream().filter(f -> f.orgUnit() == null || current.allows(bundle, f.orgUnit())).toList();
    }

    void removeRule(WarningRule rule) {
        // under the reconcile lock: a run that checked this rule just before it left must not
        // re-open its warnings after they are closed here (nothing would ever close them again)
        synchronized (reconcileLock) {
            if (!rules.remove(rule.id(), rule)) {
                return;
            }
            ruleBundles.remove(rule.id());
            if (active) {
                try {
                    store.closeAll(rule.id());
                } catch (RuntimeException e) {
                    LOG.warn("Could not close the warnings of removed rule {}: {}", rule.id(), e.getMessage());
                }
            }
        }
    }

    public List<RuleInfo> rules() {
        return rules.values().stream().map(r -> new RuleInfo(r.id(), r.nameVi(), r.nameEn(), ruleBundles.get(r.id())))
                .sorted(java.util.Comparator.comparing(RuleInfo::id)).toList();
    }

    @Override
    public void handleEvent(Event event) {
        requestRun();
    }

    /**
     * Runs all rules once the data has been quiet for {@code warnings.after.change.seconds}
     * (a bulk import of many batches causes one run at its end, not one per batch), but at the
     * latest ten such delays after the first change, so steady traffic still gets warnings.
     */
    void requestRun() {
        long now = System.nanoTime();
        lastChange = now;
        if (active && pending.compareAndSet(false, true)) {
            firstChange = now;
            schedule(delayNanos());
        }
    }

    private long delayNanos() {
        return TimeUnit.SECONDS.toNanos(Math.max(1, config.warnings_after_change_seconds()));
    }

    private void schedule(long nanos) {
        try {
            executor.schedule(this::runWhenQuiet, nanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.set(false);
        }
    }

    private void runWhenQuiet() {
        long now = System.nanoTime();
        long quietFor = now - lastChange;
        if (quietFor < delayNanos() && now - firstChange < 10 * delayNanos()) {
            schedule(delayNanos() - quietFor);
            return;
        }
        pending.set(false);
        runQuietly();
    }

    /** Runs every rule now (CENTRAL_IT, or the engine itself). */
    public RunResult runNow(Caller caller) {
        caller.require(Role.CENTRAL_IT);
        return run(LocalDate.now());
    }

    private void runQuietly() {
        try {
            RunResult r = run(LocalDate.now());
            LOG.debug("Warning rules ran: {}", r);
        } catch (RuntimeException e) {
            LOG.warn("Warning run failed: {}", e.toString());
        }
    }

    synchronized RunResult run(LocalDate today) {
        WarningContext context = new WarningContext() {
            @Override
            public LocalDate today() {
                return today;
            }

            @Override
            public int setting(String name, int defaultValue) {
                return switch (name) {
                    case "due.soon.days" -> config.due_soon_days();
                    case "stale.grace.days" -> config.stale_grace_days();
                    case "falling.periods" -> config.falling_periods();
                    default -> defaultValue;
                };
            }
        };
        int raised = 0;
        int closed = 0;
        List<String> failed = new java.util.ArrayList<>();
        for (WarningRule rule : List.copyOf(rules.values())) {
            if (!active) {
                break;
            }
            try {
                List<WarningFinding> findings = rule.check(context);
                synchronized (reconcileLock) {
                    if (rules.get(rule.id()) != rule) {
                        continue; // the rule left while it was checked
                    }
                    int[] r = store.reconcile(rule.id(), inScope(rule.id(), findings == null ? List.of() : findings));
                    raised += r[0];
                    closed += r[1];
                }
            } catch (RuntimeException e) {
                LOG.warn("Warning rule {} failed: {}", rule.id(), e.toString());
                failed.add(rule.id() + ": " + e.getMessage());
            }
        }
        return new RunResult(rules.size(), raised, closed, failed);
    }
}

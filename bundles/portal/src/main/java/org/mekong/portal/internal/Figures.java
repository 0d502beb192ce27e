package org.mekong.portal.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.mekong.core.spi.OverviewFigure;
import org.mekong.core.spi.OverviewProvider;
import org.mekong.portal.internal.Views.FigureGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home page's live figures: one group per {@link OverviewProvider} service currently
 * registered (whiteboard), each kept for {@code figures.cache.seconds}. A plugin that is
 * uninstalled takes its group with it at once; a provider that fails is logged and left out, so
 * the home page always renders with whatever is installed.
 */
@Component(service = Figures.class, configurationPid = PortalConfig.PID)
public class Figures {
    private static final Logger LOG = LoggerFactory.getLogger(Figures.class);

    private final List<OverviewProvider> providers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<OverviewProvider, Cached> cache = new ConcurrentHashMap<>();
    private volatile long cacheMillis;

    private record Cached(long at, List<OverviewFigure> figures) {
    }

    @Activate
    @Modified
    void configure(PortalConfig config) {
        cacheMillis = Math.max(0, config.figures_cache_seconds()) * 1000L;
        cache.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProvider(OverviewProvider p) {
        providers.add(p);
    }

    void removeProvider(OverviewProvider p) {
        providers.remove(p);
        cache.remove(p);
    }

    /** The groups of the installed plugins, in their order. */
    public List<FigureGroup> groups() {
        List<OverviewProvider> current = new ArrayList<>(providers);
        current.sort(Comparator.comparingInt(OverviewProvider::order).thenComparing(OverviewProvider::id));
        List<FigureGroup> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (OverviewProvider p : current) {
            try {
                Cached c = cache.get(p);
                if (c == null || now - c.at() > cacheMillis) {
                    c = new Cached(now, List.copyOf(p.figures()));
                    if (providers.contains(p)) {
                        cache.put(p, c);
                    }
                }
                if (!c.figures().isEmpty()) {
                    out.add(new FigureGroup(p.id(), p.titleVi(), p.titleEn(), p.href(), c.figures()));
                }
            } catch (RuntimeException e) {
                LOG.warn("Overview figures of '{}' are left out: {}", safeId(p), e.toString());
            }
        }
        return out;
    }

    private static String safeId(OverviewProvider p) {
        try {
            return p.id();
        } catch (RuntimeException e) {
            return p.getClass().getName();
        }
    }
}

package org.mekong.indicators.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.indicator.Indicator;
import org.mekong.indicators.internal.entities.IndicatorEntity;
import org.mekong.storage.jpa.Transactions;

/**
 * The stored indicator definitions, read in one query and kept for a few seconds: every dashboard
 * cell and value check looks indicators up, and definitions change rarely. This node's own writes
 * drop the copy at once; another node's show within {@link #MAX_AGE_NANOS}.
 */
final class StoredIndicators {
    static final long MAX_AGE_NANOS = 5_000_000_000L;

    private final EntityManagerFactory emf;
    private volatile Map<String, Indicator> byCode;
    private volatile long loadedAt;

    StoredIndicators(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Every stored indicator by code, in code order (retired ones too). */
    Map<String, Indicator> all() {
        Map<String, Indicator> current = byCode;
        if (current == null || System.nanoTime() - loadedAt > MAX_AGE_NANOS) {
            Map<String, Indicator> loaded = new LinkedHashMap<>();
            Transactions.read(emf, em -> em.createQuery("SELECT i FROM IndicatorEntity i ORDER BY i.code",
                    IndicatorEntity.class).getResultList()).forEach(e -> loaded.put(e.toDTO().code(), e.toDTO()));
            current = Collections.unmodifiableMap(loaded);
            loadedAt = System.nanoTime();
            byCode = current;
        }
        return current;
    }

    /** After a write of this node: the next read loads again. */
    void invalidate() {
        byCode = null;
    }
}

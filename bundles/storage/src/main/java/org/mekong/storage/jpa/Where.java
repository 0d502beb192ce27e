package org.mekong.storage.jpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

/**
 * Builds a JPQL WHERE clause from optional filters (Derby rejects {@code ? IS NULL}, so absent
 * filters are left out rather than passed as nulls) and runs the paged query with its count.
 */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code condition} (using {@code :name}) only when {@code value} is not null. */
    public Where and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
        return this;
    }

    /** Adds {@code condition} with all its named parameters (e.g. an OR over several values). */
    public Where and(String condition, Map<String, Object> values) {
        conditions.add(condition);
        parameters.putAll(values);
        return this;
    }

    @Override
    public String toString() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public <T> TypedQuery<T> query(EntityManager em, String select, String orderBy, Class<T> type) {
        TypedQuery<T> q = em.createQuery(select + this + " " + orderBy, type);
        parameters.forEach(q::setParameter);
        return q;
    }

    public long count(EntityManager em, String entity, String alias) {
        TypedQuery<Long> q = em.createQuery("SELECT COUNT(" + alias + ") FROM " + entity + " " + alias + this,
                Long.class);
        parameters.forEach(q::setParameter);
        return q.getSingleResult();
    }
}

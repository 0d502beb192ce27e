package org.mekong.storage.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditEntry;
import org.mekong.core.api.data.AuditService;
import org.mekong.storage.internal.entities.AuditEntity;
import org.mekong.storage.jpa.Transactions;
import org.mekong.storage.jpa.Where;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The audit trail, stored in AUDIT_LOG beside the data it describes. */
@Component(service = AuditService.class)
public class AuditServiceImpl implements AuditService {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EntityManagerFactory emf;

    @Activate
    public AuditServiceImpl(@Reference(target = "(osgi.unit.name=mekong-storage)") EntityManagerFactory emf,
            @Reference StorageSchema schema) {
        this.emf = emf;
    }

    @Override
    public Page<AuditEntry> find(Caller caller, String entityType, String entityKey, int offset, int limit) {
        caller.require(Role.ADMIN, Role.CENTRAL_IT, Role.LEADER);
        Where where = new Where().and("a.entityType = :type", "type", entityType)
                .and("a.entityKey LIKE :key", "key", entityKey == null ? null : entityKey + "%");
        return Transactions.read(emf, em -> {
            List<AuditEntry> items = where.query(em, "SELECT a FROM AuditEntity a", "ORDER BY a.id DESC", AuditEntity.class)
                    .setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(AuditEntity::toDTO).toList();
            return new Page<>(items, where.count(em, "AuditEntity", "a"), offset, limit);
        });
    }

    @Override
    public void record(String actor, String entityType, String entityKey, String action, Object before,
            Object after) {
        Transactions.write(emf, em -> {
            record(em, actor, entityType, entityKey, action, before, after);
            return null;
        });
    }

    /** Records inside a caller's transaction, so the change and its audit commit together. */
    static void record(EntityManager em, String actor, String entityType, String entityKey, String action,
            Object before, Object after) {
        em.persist(new AuditEntity(Instant.now(), actor, entityType, entityKey, action, json(before), json(after)));
    }

    /** Records on a JDBC connection inside the caller's transaction. */
    static void record(java.sql.Connection c, String actor, Instant at, String entityType, String entityKey,
            String action, Object before, Object after) throws java.sql.SQLException {
        org.mekong.storage.jdbc.Jdbc.update(c, "INSERT INTO AUDIT_LOG (AUDIT_TIME, ACTOR, ENTITY_TYPE, ENTITY_KEY, ACTION, "
                + "BEFORE_JSON, AFTER_JSON) VALUES (?, ?, ?, ?, ?, ?, ?)", at, actor, entityType, entityKey, action,
                json(before), json(after));
    }

    static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}

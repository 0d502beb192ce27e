package org.mekong.storage.internal;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditEntry;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
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
    private final OrgUnitService units;

    @Activate
    public AuditServiceImpl(@Reference(target = "(osgi.unit.name=mekong-storage)") EntityManagerFactory emf,
            @Reference StorageSchema schema, @Reference OrgUnitService units) {
        this.emf = emf;
        this.units = units;
    }

    @Override
    public Page<AuditEntry> find(Caller caller, String entityType, String entityKey, int offset, int limit) {
        caller.require(Role.ADMIN, Role.CENTRAL_IT, Role.LEADER);
        Where where = new Where().and("a.entityType = :type", "type", entityType)
                .and("a.entityKey LIKE :key", "key", entityKey == null ? null : entityKey + "%");
        if (!caller.isNational()) {
            List<String> paths = caller.orgUnits().stream().map(units::find).flatMap(java.util.Optional::stream)
                    .map(OrgUnit::path).sorted().toList();
            if (paths.isEmpty()) {
                return new Page<>(List.of(), 0, offset, limit);
            }
            // a leader's units are few (one province, a ministry): one LIKE per unit path
            StringBuilder within = new StringBuilder("(");
            java.util.Map<String, Object> prefixes = new java.util.LinkedHashMap<>();
            for (String path : paths) {
                within.append(prefixes.isEmpty() ? "" : " OR ").append("a.orgPath LIKE :p").append(prefixes.size());
                prefixes.put("p" + prefixes.size(), path + "%");
            }
            where.and(within.append(")").toString(), prefixes);
        }
        return Transactions.read(emf, em -> {
            List<AuditEntry> items = where.query(em, "SELECT a FROM AuditEntity a", "ORDER BY a.id DESC", AuditEntity.class)
                    .setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(AuditEntity::toDTO).toList();
            return new Page<>(items, where.count(em, "AuditEntity", "a"), offset, limit);
        });
    }

    @Override
    public void record(String actor, String entityType, String entityKey, String action, Object before,
            Object after) {
        record(actor, entityType, entityKey, action, before, after, null);
    }

    @Override
    public void record(String actor, String entityType, String entityKey, String action, Object before, Object after,
            String orgUnit) {
        String path = orgUnit == null ? null : units.find(orgUnit).map(OrgUnit::path).orElse(null);
        Transactions.write(emf, em -> {
            em.persist(new AuditEntity(Instant.now(), actor, entityType, entityKey, action, json(before), json(after), path));
            return null;
        });
    }

    /**
     * Records on a JDBC connection inside the caller's transaction; {@code orgPath} is the path of the
     * record's unit (null: national readers only).
     */
    static void record(java.sql.Connection c, String actor, Instant at, String entityType, String entityKey,
            String action, Object before, Object after, String orgPath) throws java.sql.SQLException {
        org.mekong.core.jdbc.Jdbc.update(c, "INSERT INTO AUDIT_LOG (AUDIT_TIME, ACTOR, ENTITY_TYPE, ENTITY_KEY, ACTION, "
                + "BEFORE_JSON, AFTER_JSON, ORG_PATH) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", at, actor, entityType, entityKey, action,
                json(before), json(after), orgPath);
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

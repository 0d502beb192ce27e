package org.mekong.storage.internal.entities;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

import org.mekong.core.api.data.AuditEntry;

/** Row of AUDIT_LOG. */
@Entity
@Table(name = "AUDIT_LOG")
public class AuditEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;
    @Column(name = "AUDIT_TIME")
    private Instant at;
    @Column(name = "ACTOR")
    private String actor;
    @Column(name = "ENTITY_TYPE")
    private String entityType;
    @Column(name = "ENTITY_KEY")
    private String entityKey;
    @Column(name = "ACTION")
    private String action;
    @Lob
    @Column(name = "BEFORE_JSON")
    private String before;
    @Lob
    @Column(name = "AFTER_JSON")
    private String after;
    @Column(name = "ORG_PATH")
    private String orgPath;

    protected AuditEntity() {
    }

    public AuditEntity(Instant at, String actor, String entityType, String entityKey, String action, String before,
            String after, String orgPath) {
        this.orgPath = orgPath;
        this.at = at;
        this.actor = actor;
        this.entityType = entityType;
        this.entityKey = entityKey;
        this.action = action;
        this.before = before;
        this.after = after;
    }

    public AuditEntry toDTO() {
        return new AuditEntry(id, at, actor, entityType, entityKey, action, before, after);
    }
}

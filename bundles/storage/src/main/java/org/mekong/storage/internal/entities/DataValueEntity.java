package org.mekong.storage.internal.entities;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueState;

/** Row of DATA_VALUE: the one current value per (indicator, org unit, period). */
@Entity
@Table(name = "DATA_VALUE")
public class DataValueEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "ID")
    private Long id;
    @Column(name = "INDICATOR_CODE")
    private String indicator;
    @Column(name = "ORGUNIT_CODE")
    private String orgUnit;
    @Column(name = "ORGUNIT_PATH")
    private String orgUnitPath;
    @Column(name = "PERIOD")
    private String period;
    @Column(name = "NUM_VALUE")
    private Double value;
    @Column(name = "VALUE_COMMENT")
    private String comment;
    @Column(name = "STATE")
    private String state;
    @Version
    @Column(name = "VERSION")
    private long version;
    @Column(name = "CREATED_BY")
    private String createdBy;
    @Column(name = "CREATED_AT")
    private Instant createdAt;
    @Column(name = "UPDATED_BY")
    private String updatedBy;
    @Column(name = "UPDATED_AT")
    private Instant updatedAt;

    protected DataValueEntity() {
    }

    public DataValueEntity(String indicator, String orgUnit, String orgUnitPath, String period, String actor,
            Instant now) {
        this.indicator = indicator;
        this.orgUnit = orgUnit;
        this.orgUnitPath = orgUnitPath;
        this.period = period;
        this.state = DataValueState.DRAFT.name();
        this.createdBy = actor;
        this.createdAt = now;
    }

    public void change(Double newValue, String newComment, String actor, Instant now) {
        this.value = newValue;
        this.comment = newComment;
        this.updatedBy = actor;
        this.updatedAt = now;
    }

    public long getVersion() {
        return version;
    }

    public DataValue toDTO() {
        return new DataValue(indicator, orgUnit, period, value, comment, DataValueState.valueOf(state), version,
                updatedBy, updatedAt);
    }
}

package org.mekong.indicators.internal.entities;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.mekong.core.api.Periodicity;
import org.mekong.core.api.indicator.Aggregation;
import org.mekong.core.api.indicator.Direction;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorLayer;
import org.mekong.core.api.indicator.IndicatorSource;

/** Row of INDICATOR: a stored, writable indicator definition. */
@Entity
@Table(name = "INDICATOR_DEF")
public class IndicatorEntity {
    @Id
    @Column(name = "CODE")
    private String code;
    @Column(name = "NAME_VI")
    private String nameVi;
    @Column(name = "NAME_EN")
    private String nameEn;
    @Column(name = "LAYER")
    private String layer;
    @Column(name = "UNIT")
    private String unit;
    @Column(name = "PERIODICITY")
    private String periodicity;
    @Column(name = "DIRECTION")
    private String direction;
    @Column(name = "GREEN_THRESHOLD")
    private Double greenThreshold;
    @Column(name = "RED_THRESHOLD")
    private Double redThreshold;
    @Column(name = "FORMULA")
    private String formula;
    @Column(name = "OWNER_UNIT")
    private String ownerUnit;
    @Column(name = "SOURCE")
    private String source;
    @Column(name = "AGGREGATION")
    private String aggregation;
    @Column(name = "WEIGHT_INDICATOR")
    private String weightIndicator;
    @Column(name = "RETIRED")
    private boolean retired;
    @Version
    @Column(name = "VERSION")
    private long version;

    protected IndicatorEntity() {
    }

    public IndicatorEntity(String code) {
        this.code = code;
    }

    /** Copies every editable field from the definition. */
    public void apply(Indicator d) {
        nameVi = d.nameVi();
        nameEn = d.nameEn();
        layer = d.layer().name();
        unit = d.unit();
        periodicity = d.periodicity().name();
        direction = d.direction().name();
        greenThreshold = d.greenThreshold();
        redThreshold = d.redThreshold();
        formula = d.formula() == null || d.formula().isBlank() ? null : d.formula();
        ownerUnit = d.ownerUnit();
        aggregation = d.aggregation().name();
        weightIndicator = d.weightIndicator();
        source = (formula != null ? IndicatorSource.COMPUTED : IndicatorSource.MANUAL).name();
    }

    public void retire() {
        retired = true;
    }

    public long getVersion() {
        return version;
    }

    public Indicator toDTO() {
        return new Indicator(code, nameVi, nameEn, IndicatorLayer.valueOf(layer), unit, Periodicity.valueOf(periodicity),
                Direction.valueOf(direction), greenThreshold, redThreshold, formula, ownerUnit,
                IndicatorSource.valueOf(source), retired, version, null,
                aggregation == null ? null : Aggregation.valueOf(aggregation), weightIndicator);
    }
}

package org.mekong.web.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;

/**
 * A data value as SOAP carries it, in and out. On submit, leave {@code version} out to create
 * and give the current version to update (a fault with HTTP 409 otherwise).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "dataValue", namespace = DataSoapService.NS)
public class SoapDataValue {
    public String indicator;
    public String orgUnit;
    public String period;
    public Double value;
    public String comment;
    public Long version;
    public String state;
    public String reason;
    public String updatedBy;
    public String updatedAt;

    public DataValueInput toInput() {
        return new DataValueInput(indicator, orgUnit, period, value, comment, version);
    }

    public static SoapDataValue of(DataValue v) {
        SoapDataValue s = new SoapDataValue();
        s.indicator = v.indicator();
        s.orgUnit = v.orgUnit();
        s.period = v.period();
        s.value = v.value();
        s.comment = v.comment();
        s.version = v.version();
        s.state = v.state().name();
        s.reason = v.reason();
        s.updatedBy = v.updatedBy();
        s.updatedAt = v.updatedAt() == null ? null : v.updatedAt().toString();
        return s;
    }
}

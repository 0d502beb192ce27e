package org.mekong.web.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

import org.mekong.core.api.indicator.Indicator;

/** An indicator as SOAP carries it. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "indicator", namespace = DataSoapService.NS)
public class SoapIndicator {
    public String code;
    public String nameVi;
    public String nameEn;
    public String layer;
    public String unit;
    public String periodicity;
    public String direction;
    public Double greenThreshold;
    public Double redThreshold;
    public String source;
    public boolean retired;

    public static SoapIndicator of(Indicator i) {
        SoapIndicator s = new SoapIndicator();
        s.code = i.code();
        s.nameVi = i.nameVi();
        s.nameEn = i.nameEn();
        s.layer = i.layer().name();
        s.unit = i.unit();
        s.periodicity = i.periodicity() == null ? null : i.periodicity().name();
        s.direction = i.direction() == null ? null : i.direction().name();
        s.greenThreshold = i.greenThreshold();
        s.redThreshold = i.redThreshold();
        s.source = i.source() == null ? null : i.source().name();
        s.retired = i.retired();
        return s;
    }
}

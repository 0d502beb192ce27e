package org.mekong.web.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** How many submitted values were created and how many updated. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "batchResult", namespace = DataSoapService.NS)
public class SoapBatchResult {
    public int created;
    public int updated;
}

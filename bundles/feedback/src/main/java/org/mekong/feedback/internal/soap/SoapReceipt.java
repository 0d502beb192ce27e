package org.mekong.feedback.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** The answer to a submission: the tracking code to follow it with. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "receipt", namespace = FeedbackSoapService.NS)
public class SoapReceipt {
    public String code;
    /** The public id the item is listed under (Open311, published answers). */
    public String publicId;
    public String status;
    public String receivedAt;
    public String trackUrl;
}

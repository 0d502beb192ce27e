package org.mekong.feedback.internal.soap;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlType;

/** A published answer. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "publishedItem", namespace = FeedbackSoapService.NS)
public class SoapPublished {
    /** The public id (never the tracking code). */
    public String publicId;
    public String title;
    public String content;
    public String category;
    public String field;
    public String orgUnit;
    public String responsibleUnit;
    public String receivedAt;
    public String answeredAt;
    public String publishedAt;
    public String answer;
}

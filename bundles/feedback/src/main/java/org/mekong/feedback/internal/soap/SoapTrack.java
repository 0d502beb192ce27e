package org.mekong.feedback.internal.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** An item as its tracking-code holder sees it (no personal data). */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "trackedItem", namespace = FeedbackSoapService.NS)
public class SoapTrack {
    public String code;
    public String publicId;
    public String title;
    public String status;
    public String category;
    public String field;
    public String orgUnit;
    public String responsibleUnit;
    public String receivedAt;
    public String deadline;
    public boolean overdue;
    public String answer;
    public String answeredAt;
    public String rejectReason;
    public String mergedInto;
    @XmlElement(name = "history")
    public List<Step> history = new ArrayList<>();

    /** One status change. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "step", namespace = FeedbackSoapService.NS)
    public static class Step {
        public String at;
        public String status;
    }
}

package org.mekong.feedback.internal.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

import org.mekong.feedback.internal.Views;

/** A feedback submission as SOAP carries it; attachments are base64 binary. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "feedback", namespace = FeedbackSoapService.NS)
public class SoapFeedback {
    /** ANONYMOUS (default), PERSON or ORGANISATION. */
    public String senderType;
    public String senderName;
    public String senderEmail;
    public String senderPhone;
    public String organisation;
    @XmlElement(required = true)
    public String title;
    @XmlElement(required = true)
    public String content;
    /** The org unit code of the commune, province or body concerned. */
    @XmlElement(required = true)
    public String orgUnit;
    public String category;
    public String field;
    @XmlElement(name = "attachment")
    public List<Attachment> attachments = new ArrayList<>();

    /** One attached file. */
    @XmlAccessorType(XmlAccessType.FIELD)
    @XmlType(name = "attachment", namespace = FeedbackSoapService.NS)
    public static class Attachment {
        @XmlElement(required = true)
        public String name;
        public String contentType;
        @XmlElement(required = true)
        public byte[] data;
    }

    Views.Submission toSubmission() {
        List<Views.AttachmentInput> files = new ArrayList<>();
        for (Attachment a : attachments == null ? List.<Attachment>of() : attachments) {
            files.add(new Views.AttachmentInput(a.name, a.contentType,
                    a.data == null ? null : java.util.Base64.getEncoder().encodeToString(a.data)));
        }
        return new Views.Submission(senderType, senderName, senderEmail, senderPhone, organisation, title, content, orgUnit,
                category, field, files, null, null, null);
    }
}

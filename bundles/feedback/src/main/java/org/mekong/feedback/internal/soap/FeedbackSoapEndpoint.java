package org.mekong.feedback.internal.soap;

import java.util.List;

import javax.jws.WebService;

import org.mekong.core.api.Page;
import org.mekong.feedback.internal.FeedbackPublic;
import org.mekong.feedback.internal.FeedbackService;
import org.mekong.feedback.internal.Views;
import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.web.api.SoapPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the feedback SOAP service at {@code /soap/feedback-service} while the plugin is installed. */
@Component(service = FeedbackSoapEndpoint.class, immediate = true)
@WebService(endpointInterface = "org.mekong.feedback.internal.soap.FeedbackSoapService",
        serviceName = "MekongFeedbackService", portName = "MekongFeedbackPort", targetNamespace = FeedbackSoapService.NS)
public class FeedbackSoapEndpoint implements FeedbackSoapService {
    private final FeedbackService feedback;
    private final FeedbackPublic views;
    private final SoapPublisher soap;
    private final AutoCloseable published;

    @Activate
    public FeedbackSoapEndpoint(@Reference FeedbackService feedback, @Reference FeedbackPublic views,
            @Reference SoapPublisher soap) {
        this.feedback = feedback;
        this.views = views;
        this.soap = soap;
        this.published = soap.publish("/feedback-service", FeedbackSoapService.class, this, FeedbackSoapService.NS,
                "MekongFeedbackService", "MekongFeedbackPort");
    }

    @Deactivate
    void deactivate() throws Exception {
        published.close();
    }

    @Override
    public SoapReceipt submitFeedback(SoapFeedback in) {
        if (in == null) {
            throw new org.mekong.core.api.InvalidInputException("A feedback element is required");
        }
        Views.Receipt r = feedback.submit(soap.caller(), in.toSubmission(), Channel.SOAP,
                feedback.clientAddress(soap.clientAddress(), forwardedFor()));
        SoapReceipt out = new SoapReceipt();
        out.code = r.code();
        out.publicId = r.publicId();
        out.status = r.status();
        out.receivedAt = String.valueOf(r.receivedAt());
        out.trackUrl = r.trackUrl();
        return out;
    }

    @Override
    public SoapTrack trackFeedback(String code) {
        Views.TrackView t = views.track(code);
        SoapTrack out = new SoapTrack();
        out.code = t.code();
        out.publicId = t.publicId();
        out.title = t.title();
        out.status = t.status();
        out.category = t.category();
        out.field = t.field();
        out.orgUnit = t.orgUnit() == null ? null : t.orgUnit().code();
        out.responsibleUnit = t.responsibleUnit() == null ? null : t.responsibleUnit().code();
        out.receivedAt = str(t.receivedAt());
        out.deadline = str(t.deadline());
        out.overdue = t.overdue();
        out.answer = t.answer();
        out.answeredAt = str(t.answeredAt());
        out.rejectReason = t.rejectReason();
        out.mergedInto = t.mergedInto();
        for (Views.HistoryEntry h : t.history()) {
            SoapTrack.Step s = new SoapTrack.Step();
            s.at = str(h.at());
            s.status = h.status();
            out.history.add(s);
        }
        return out;
    }

    @Override
    public List<SoapPublished> listPublished(String q, Integer offset, Integer limit) {
        return views.published(q, null, null, null, null, null, Page.offset(offset), Page.limit(limit)).items()
                .stream().map(p -> {
                    SoapPublished s = new SoapPublished();
                    s.publicId = p.publicId();
                    s.title = p.title();
                    s.content = p.content();
                    s.category = p.category();
                    s.field = p.field();
                    s.orgUnit = p.orgUnit() == null ? null : p.orgUnit().code();
                    s.responsibleUnit = p.responsibleUnit() == null ? null : p.responsibleUnit().code();
                    s.receivedAt = str(p.receivedAt());
                    s.answeredAt = str(p.answeredAt());
                    s.publishedAt = str(p.publishedAt());
                    s.answer = p.answer();
                    return s;
                }).toList();
    }

    /** The X-Forwarded-For header of the SOAP request being handled (believed only from trusted proxies). */
    private static String forwardedFor() {
        org.apache.cxf.message.Message m = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        Object headers = m == null ? null : m.get(org.apache.cxf.message.Message.PROTOCOL_HEADERS);
        if (headers instanceof java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> e : map.entrySet()) {
                if ("X-Forwarded-For".equalsIgnoreCase(String.valueOf(e.getKey())) && e.getValue() instanceof List<?> l
                        && !l.isEmpty()) {
                    return String.join(",", l.stream().map(String::valueOf).toList());
                }
            }
        }
        return null;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}

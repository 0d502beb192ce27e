package org.mekong.feedback.internal.soap;

import java.util.List;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

/**
 * The SOAP contract of the feedback system (WSDL at {@code /soap/feedback-service?wsdl}): send feedback
 * (no account needed, the same checks and limits as REST), follow it by tracking code, list
 * published answers. Faults carry the HTTP status of the matching REST error.
 */
@WebService(name = "MekongFeedback", targetNamespace = FeedbackSoapService.NS)
public interface FeedbackSoapService {
    String NS = "http://mekong.org/soap/feedback/1.0";

    @WebMethod
    @WebResult(name = "receipt")
    SoapReceipt submitFeedback(@WebParam(name = "feedback") SoapFeedback feedback);

    @WebMethod
    @WebResult(name = "item")
    SoapTrack trackFeedback(@WebParam(name = "code") String code);

    @WebMethod
    @WebResult(name = "item")
    List<SoapPublished> listPublished(@WebParam(name = "q") String q, @WebParam(name = "offset") Integer offset,
            @WebParam(name = "limit") Integer limit);
}

package org.mekong.feedback.internal.soap;

import java.util.List;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;

import org.apache.cxf.annotations.WSDLDocumentation;

/**
 * The SOAP contract of the feedback system (WSDL at {@code /soap/feedback-service?wsdl}): send feedback
 * (no account needed, the same checks and limits as REST), follow it by tracking code, list
 * published answers. Faults carry the HTTP status of the matching REST error.
 */
@WebService(name = "MekongFeedback", targetNamespace = FeedbackSoapService.NS)
@WSDLDocumentation(placement = WSDLDocumentation.Placement.TOP, value = "Mekong feedback system (Resolution 57): "
        + "send feedback and proposals without an account, follow them by tracking code, read the published answers. "
        + "Refused input is a soap:Client fault whose faultstring names each refused field; too many submissions "
        + "from one address in a minute are refused the same way. The same operations over REST: /api/openapi.json; "
        + "Open311 GeoReport v2: /api/open311/v2/.")
public interface FeedbackSoapService {
    String NS = "http://mekong.org/soap/feedback/1.0";

    @WebMethod
    @WebResult(name = "receipt")
    @WSDLDocumentation("Sends feedback or a proposal. senderType: ANONYMOUS (default), PERSON (senderName required) or "
            + "ORGANISATION (senderName and organisation required); title, content and orgUnit (the code of the commune, "
            + "province or body concerned, see GET /api/orgunits) required; category and field: optional codes listed by "
            + "GET /api/feedback/options, which also gives the length, attachment type and size limits; attachments as "
            + "base64. Answers the secret tracking code (PA- and 10 characters; only the sender should know it), the public "
            + "id and status RECEIVED.")
    SoapReceipt submitFeedback(@WebParam(name = "feedback") SoapFeedback feedback);

    @WebMethod
    @WebResult(name = "item")
    @WSDLDocumentation("The sender's own status view by the secret tracking code: status, dates, history and the "
            + "answer, the text with personal data masked. A public id opens nothing here.")
    SoapTrack trackFeedback(@WebParam(name = "code") String code);

    @WebMethod
    @WebResult(name = "item")
    @WSDLDocumentation("Published answers, newest first; q searches titles and contents, accents optional. Paged: "
            + "offset from 0, limit 1 to 1000 (default 100).")
    List<SoapPublished> listPublished(@WebParam(name = "q") String q, @WebParam(name = "offset") Integer offset,
            @WebParam(name = "limit") Integer limit);
}

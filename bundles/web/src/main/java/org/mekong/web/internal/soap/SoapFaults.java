package org.mekong.web.internal.soap;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.MekongException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP 1.1 faults as WS-I Basic Profile wants them (R1126: HTTP 500 for every fault): soap:Client
 * when the caller must change the request, soap:Server otherwise; a faultstring in Vietnamese and
 * English; and a {@code <detail>} that names the error code and each refused field:
 * {@code <e:error xmlns:e="http://mekong.org/soap/fault/1.0"><e:code>invalid</e:code>
 * <e:message>…</e:message><e:field name="values[0].orgUnit" code="invalid_input">…</e:field></e:error>}.
 */
final class SoapFaults {
    static final String NS = "http://mekong.org/soap/fault/1.0";
    static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");
    static final QName SERVER = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Server");
    private static final Map<String, String> SUMMARY = Map.of(
            "invalid_input", "Dữ liệu không hợp lệ / Invalid input",
            "not_found", "Không tìm thấy / Not found",
            "conflict", "Xung đột dữ liệu / Conflict",
            "forbidden", "Không có quyền / Forbidden",
            "unauthorized", "Chưa xác thực / Not authenticated",
            "too_many_requests", "Quá nhiều yêu cầu / Too many requests",
            "payload_too_large", "Yêu cầu quá lớn / Payload too large",
            "internal_error", "Lỗi máy chủ / Internal error");

    private SoapFaults() {
    }

    /** The fault of a domain error: its code, its message and each refused field. */
    static SoapFault of(MekongException e) {
        String fields = e.details().stream().map(d -> d.field() + ": " + d.problem()).collect(Collectors.joining("; "));
        String message = e.getMessage() == null ? "" : e.getMessage();
        String listed = fields.isEmpty() || message.contains(fields) ? "" : " [" + fields + "]";
        SoapFault fault = new SoapFault(text(e.code(), message) + listed, e.status() < 500 ? CLIENT : SERVER);
        fault.initCause(e);
        detail(fault, e.code(), message, e.details());
        return fault;
    }

    /** The faultstring: the code, the bilingual summary and the message. */
    static String text(String code, String message) {
        String summary = SUMMARY.getOrDefault(code, SUMMARY.get(code.startsWith("internal") ? "internal_error" : "invalid_input"));
        return code + ": " + summary + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Fills the fault's detail with the error code, the message and one element per refused field. */
    static void detail(Fault fault, String code, String message, List<ErrorDetail> fields) {
        Element detail = fault.getOrCreateDetail();
        while (detail.getFirstChild() != null) {
            detail.removeChild(detail.getFirstChild());
        }
        Document doc = detail.getOwnerDocument();
        Element error = doc.createElementNS(NS, "e:error");
        error.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:e", NS);
        error.appendChild(text(doc, "e:code", code));
        error.appendChild(text(doc, "e:message", message == null ? "" : message));
        for (ErrorDetail d : fields) {
            Element field = text(doc, "e:field", d.problem());
            field.setAttribute("name", d.field());
            field.setAttribute("code", code);
            error.appendChild(field);
        }
        detail.appendChild(error);
    }

    /** True when the fault's detail is one this class wrote. */
    static boolean hasOurDetail(Fault fault) {
        Element detail = fault.getDetail();
        return detail != null && detail.getElementsByTagNameNS(NS, "error").getLength() > 0;
    }

    private static Element text(Document doc, String name, String value) {
        Element e = doc.createElementNS(NS, name);
        e.setTextContent(value);
        return e;
    }
}

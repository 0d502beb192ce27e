package org.mekong.web.internal.soap;

import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.mekong.core.api.Caller;
import org.mekong.core.api.MekongException;

/** The caller of the current SOAP request and the translation of domain errors into SOAP faults. */
final class SoapCalls {
    private static final QName CLIENT = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Client");
    private static final QName SERVER = new QName("http://schemas.xmlsoap.org/soap/envelope/", "Server");

    private SoapCalls() {
    }

    static Caller caller() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Caller caller = message == null ? null : message.getExchange().get(Caller.class);
        return caller == null ? Caller.anonymous() : caller;
    }

    /** Runs a service call, turning a domain error into a SOAP fault with the matching HTTP status. */
    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (MekongException e) {
            throw fault(e);
        }
    }

    static SoapFault fault(MekongException e) {
        String details = e.details().stream().map(d -> d.field() + ": " + d.problem()).collect(Collectors.joining("; "));
        SoapFault fault = new SoapFault(e.code() + ": " + e.getMessage() + (details.isEmpty() ? "" : " [" + details + "]"),
                e.status() < 500 ? CLIENT : SERVER);
        fault.setStatusCode(e.status());
        fault.initCause(e);
        return fault;
    }
}

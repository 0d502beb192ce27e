package org.mekong.web.internal.soap;

import java.util.function.Supplier;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.mekong.core.api.Caller;
import org.mekong.core.api.MekongException;

/** The caller of the current SOAP request and the translation of domain errors into SOAP faults. */
final class SoapCalls {

    private SoapCalls() {
    }

    static Caller caller() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Caller caller = message == null ? null : message.getExchange().get(Caller.class);
        return caller == null ? Caller.anonymous() : caller;
    }

    /** Runs a service call, turning a domain error into a SOAP fault. */
    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (MekongException e) {
            throw fault(e);
        }
    }

    /** The SOAP fault of a domain error (HTTP 500, detail with the code and each refused field). */
    static SoapFault fault(MekongException e) {
        return SoapFaults.of(e);
    }
}

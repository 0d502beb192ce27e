package org.mekong.web.internal.soap;

import java.util.List;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.mekong.core.api.MekongException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every SOAP fault leaves with HTTP 500 (WS-I Basic Profile R1126), a {@code <detail>} with an error
 * code and without internals: a server fault that no domain rule raised (a bug, a lost database) is
 * logged and answered with a plain sentence, and no fault string names a Java package or class (CXF
 * and JAXB messages may). Faults CXF raises itself (unreadable XML, a header not understood) get the
 * code {@code invalid_input}.
 */
final class SoapFaultCleaner extends AbstractPhaseInterceptor<Message> {
    private static final Logger LOG = LoggerFactory.getLogger(SoapFaultCleaner.class);
    private static final java.util.regex.Pattern CLASS_NAME =
            java.util.regex.Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+(?:[A-Z]\\w*\\$)*([A-Z]\\w*)");

    SoapFaultCleaner() {
        super(Phase.PREPARE_SEND);
    }

    @Override
    public void handleMessage(Message message) {
        Exception e = message.getContent(Exception.class);
        if (!(e instanceof Fault fault)) {
            return;
        }
        fault.setStatusCode(500);
        message.put(Message.RESPONSE_CODE, 500);
        boolean domain = fault.getCause() instanceof MekongException;
        if (Fault.FAULT_CODE_SERVER.getLocalPart().equals(fault.getFaultCode().getLocalPart()) && !domain) {
            LOG.error("SOAP request failed", fault.getCause() == null ? fault : fault.getCause());
            String text = "An internal error occurred; it has been logged";
            fault.setMessage(SoapFaults.text("internal_error", text));
            SoapFaults.detail(fault, "internal_error", text, List.of());
            return;
        }
        String text = fault.getMessage() == null ? "" : CLASS_NAME.matcher(fault.getMessage()).replaceAll("$1");
        if (!SoapFaults.hasOurDetail(fault)) {
            fault.setMessage(SoapFaults.text("invalid_input", text));
            SoapFaults.detail(fault, "invalid_input", text, List.of());
        } else {
            fault.setMessage(text);
        }
    }
}

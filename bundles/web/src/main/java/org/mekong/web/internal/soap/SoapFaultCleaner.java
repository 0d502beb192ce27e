package org.mekong.web.internal.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.mekong.core.api.MekongException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every SOAP fault leaves without internals: a server fault that no domain rule raised (a bug, a
 * lost database) is logged and answered with a plain sentence, and no fault string names a Java
 * package or class (CXF and JAXB messages may).
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
        boolean domain = fault.getCause() instanceof MekongException;
        if (Fault.FAULT_CODE_SERVER.getLocalPart().equals(fault.getFaultCode().getLocalPart()) && !domain) {
            LOG.error("SOAP request failed", fault.getCause() == null ? fault : fault.getCause());
            fault.setMessage("internal_error: An internal error occurred; it has been logged");
            return;
        }
        if (fault.getMessage() != null) {
            fault.setMessage(CLASS_NAME.matcher(fault.getMessage()).replaceAll("$1"));
        }
    }
}

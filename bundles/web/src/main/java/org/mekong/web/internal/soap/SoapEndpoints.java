package org.mekong.web.internal.soap;

import javax.xml.namespace.QName;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the SOAP data service at {@code /soap/data} while the core services are present. */
@Component(service = SoapEndpoints.class, immediate = true)
public class SoapEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(SoapEndpoints.class);
    static final String ADDRESS = "/data";

    private final Server server;
    private final org.apache.cxf.Bus bus;
    private final SoapServlet servlet;

    @Activate
    public SoapEndpoints(@Reference IndicatorRegistry indicators, @Reference DataValueService values,
            @Reference IdentityService identity, @Reference SoapServlet servlet) {
        this.servlet = servlet;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JaxWsServerFactoryBean.class.getClassLoader());
        org.apache.cxf.Bus previousBus = org.apache.cxf.BusFactory.getThreadDefaultBus(false);
        try {
            JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
            factory.setBus(servlet.bus());
            factory.setPublishedEndpointUrl(servlet.published(ADDRESS));
            factory.setServiceClass(DataSoapService.class);
            factory.setServiceBean(new DataSoapServiceImpl(indicators, values));
            factory.setAddress(ADDRESS);
            factory.setServiceName(new QName(DataSoapService.NS, "MekongDataService"));
            factory.setEndpointName(new QName(DataSoapService.NS, "MekongDataPort"));
            factory.getInInterceptors().add(new SoapAuthInterceptor(identity));
            server = factory.create();
            bus = factory.getBus();
        } finally {
            org.apache.cxf.BusFactory.setThreadDefaultBus(previousBus);
            thread.setContextClassLoader(previous);
        }
        LOG.info("SOAP data service published at {}", ADDRESS);
    }

    /** The CXF bus of the SOAP servlet at /soap, for plugins' endpoints too. */
    org.apache.cxf.Bus bus() {
        return bus;
    }

    /** The address WSDLs name for a plugin's endpoint at {@code path}, or null for the request's. */
    String published(String path) {
        return servlet.published(path);
    }

    @Deactivate
    void deactivate() {
        server.destroy();
    }
}

package org.mekong.web.internal.soap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import javax.xml.namespace.QName;

import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.mekong.core.api.Caller;
import org.mekong.core.api.identity.IdentityService;
import org.mekong.core.api.MekongException;
import org.mekong.web.api.SoapPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CXF publishing for plugins' SOAP services, with the same authentication as the core data service. */
@Component(service = SoapPublisher.class)
public class SoapPublisherImpl implements SoapPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(SoapPublisherImpl.class);
    private final IdentityService identity;
    private final SoapEndpoints core;

    @Activate
    public SoapPublisherImpl(@Reference IdentityService identity, @Reference SoapEndpoints core) {
        this.identity = identity;
        this.core = core;
    }

    @Override
    public <T> AutoCloseable publish(String address, Class<T> sei, T implementor, String namespace, String serviceName,
            String portName) {
        String path = address.startsWith("/") ? address : "/" + address;
        InvocationHandler translate = (proxy, method, args) -> {
            try {
                return method.invoke(implementor, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof MekongException m) {
                    throw SoapCalls.fault(m);
                }
                throw e.getCause();
            }
        };
        Object bean = Proxy.newProxyInstance(sei.getClassLoader(), new Class<?>[] { sei }, translate);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JaxWsServerFactoryBean.class.getClassLoader());
        Server server;
        try {
            JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
            factory.setBus(core.bus());
            factory.setPublishedEndpointUrl(core.published(path));
            factory.setServiceClass(sei);
            factory.setServiceBean(bean);
            factory.setAddress(path);
            factory.setServiceName(new QName(namespace, serviceName));
            factory.setEndpointName(new QName(namespace, portName));
            factory.getInInterceptors().add(new SoapAuthInterceptor(identity));
            server = factory.create();
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("SOAP service {} published at /soap{}", serviceName, path);
        return () -> {
            server.destroy();
            LOG.info("SOAP service {} at /soap{} removed", serviceName, path);
        };
    }

    @Override
    public Caller caller() {
        return SoapCalls.caller();
    }

    @Override
    public String clientAddress() {
        org.apache.cxf.message.Message m = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        Object request = m == null ? null : m.get("HTTP.REQUEST");
        return request instanceof javax.servlet.http.HttpServletRequest r ? r.getRemoteAddr() : null;
    }
}

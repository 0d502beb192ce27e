package org.mekong.web.internal.soap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.ReadListener;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;

import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.DestinationRegistryImpl;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * The one servlet of the SOAP services, at {@code /soap/*}: a CXF bus and destination registry of its
 * own, so only SOAP endpoints are served there (CXF's shared OSGi servlet also served every JAX-RS
 * resource, the service list and WADL under /soap). Every request is bounded like REST bodies are
 * (413 over the limit) and parsed with CXF's StAX limits (depth, element counts, text length).
 */
@Component(service = { Servlet.class, SoapServlet.class }, configurationPid = { "org.mekong.web", "org.mekong.web.security" },
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/soap/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=mekong-soap",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_INIT_PARAM_PREFIX + "hide-service-list-page=true" })
public class SoapServlet extends CXFNonSpringServlet {
    private static final long serialVersionUID = 1L;

    /** The SOAP limits, read from the web configuration (pid org.mekong.web) that also bounds REST bodies. */
    public @interface Config {
        /** Largest accepted request body in bytes; larger ones get 413. */
        long max_body_bytes() default 16L * 1024 * 1024;

        /** Deepest element nesting of a SOAP message. */
        int soap_max_depth() default 40;

        /** Most elements in one SOAP message. */
        long soap_max_elements() default 250_000;

        /** Most children of one element (a batch of values is one element's children). */
        int soap_max_children() default 20_000;

        /** Longest text of one element, in characters. */
        int soap_max_text() default 1_048_576;

        /** The public address (pid org.mekong.web.security): WSDLs name it instead of the request's address. */
        String public_url() default "";
    }

    private final transient Bus bus;
    private final long maxBody;
    private final String baseAddress;

    @Activate
    public SoapServlet(Config config) {
        this(config, new DestinationRegistryImpl());
    }

    private SoapServlet(Config config, DestinationRegistry registry) {
        super(registry, false);
        this.maxBody = config.max_body_bytes();
        String url = config.public_url() == null ? "" : config.public_url().strip();
        this.baseAddress = url.isEmpty() ? null : (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/soap";
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        Bus previousBus = BusFactory.getThreadDefaultBus(false);
        thread.setContextClassLoader(CXFBusFactory.class.getClassLoader());
        try {
            bus = new CXFBusFactory().createBus();
            HTTPTransportFactory http = new HTTPTransportFactory(registry);
            DestinationFactoryManager factories = bus.getExtension(DestinationFactoryManager.class);
            for (String id : http.getTransportIds()) {
                factories.registerDestinationFactory(id, http);
            }
            bus.setExtension(http, HTTPTransportFactory.class);
            bus.setProperty("org.apache.cxf.stax.maxElementDepth", config.soap_max_depth());
            bus.setProperty("org.apache.cxf.stax.maxElementCount", config.soap_max_elements());
            bus.setProperty("org.apache.cxf.stax.maxChildElements", config.soap_max_children());
            bus.setProperty("org.apache.cxf.stax.maxTextLength", config.soap_max_text());
            bus.setProperty("org.apache.cxf.stax.maxAttributeCount", 100);
            bus.setProperty("org.apache.cxf.stax.maxAttributeSize", 65_536);
            bus.setProperty("org.apache.cxf.stax.maxXMLCharacters", maxBody);
            bus.getOutFaultInterceptors().add(new SoapFaultCleaner());
            setBus(bus);
        } finally {
            BusFactory.setThreadDefaultBus(previousBus);
            thread.setContextClassLoader(previous);
        }
    }

    /** The bus every Mekong SOAP endpoint is published on. */
    Bus bus() {
        return bus;
    }

    /** With public.url set, the address WSDLs name for the endpoint at {@code path}; else null (the request's address). */
    String published(String path) {
        return baseAddress == null ? null : baseAddress + (path.startsWith("/") ? path : "/" + path);
    }

    @Deactivate
    void deactivate() {
        bus.shutdown(false);
    }

    @Override
    public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getContentLengthLong() > maxBody) {
            tooLarge(response);
            return;
        }
        if ("POST".equalsIgnoreCase(request.getMethod()) || "PUT".equalsIgnoreCase(request.getMethod())) {
            byte[] body = read(request.getInputStream());
            if (body == null) {
                tooLarge(response);
                return;
            }
            super.service(new Buffered(request, body), res);
            return;
        }
        super.service(req, res);
    }

    /** The body, or null when it is longer than the limit (read no further than that). */
    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16_384];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0;) {
            total += n;
            if (total > maxBody) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("text/xml;charset=UTF-8");
        String fault = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                + "<faultcode>soap:Client</faultcode><faultstring>payload_too_large: The request body exceeds the limit of "
                + maxBody + " bytes</faultstring></soap:Fault></soap:Body></soap:Envelope>";
        response.getOutputStream().write(fault.getBytes(StandardCharsets.UTF_8));
    }

    /** A request whose body has been read into memory already. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }
    }
}

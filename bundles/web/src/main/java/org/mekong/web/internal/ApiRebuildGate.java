package org.mekong.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.mekong.web.api.MekongRest;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds {@code /api} requests while the JAX-RS whiteboard rebuilds the Mekong application.
 *
 * <p>Aries JAX-RS Whiteboard serves an application through one CXF server; when a plugin's
 * resource or extension comes or goes it destroys that server and builds a new one with the new
 * set of resources. For the few hundred milliseconds that takes, CXF answers every request to the
 * application with a bare 404 "No service was found." — core requests that have nothing to do
 * with the plugin would fail while a plugin is installed, upgraded or removed.
 *
 * <p>This servlet filter sits in front of the whiteboard's servlet for the Mekong application
 * (the HTTP whiteboard context the whiteboard makes for it, {@value #CONTEXT}). It keeps a 404
 * response's body in memory instead of sending it; when the body is CXF's "no service" page the
 * request had not been read (CXF refuses it before dispatching), so the filter waits a moment and
 * passes the same request on again, until the application answers or {@code hold.ms} has passed.
 * Every other response, including the API's own JSON 404s, goes out unchanged.
 */
@Component(service = Filter.class, configurationPid = "org.mekong.web.gate",
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN + "=/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME + "=mekong-api-rebuild-gate",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_ASYNC_SUPPORTED + ":Boolean=true",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME
                    + "=" + ApiRebuildGate.CONTEXT + ")" })
@Designate(ocd = ApiRebuildGate.Config.class)
public class ApiRebuildGate implements Filter {
    /** The HTTP whiteboard context Aries JAX-RS Whiteboard registers for the Mekong application. */
    static final String CONTEXT = "context.for" + MekongRest.APPLICATION;
    private static final String NO_SERVICE = "No service was found";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRebuildGate.class);

    @ObjectClassDefinition(name = "Mekong API rebuild gate",
            description = "Holds API requests while the JAX-RS application is rebuilt after a plugin change")
    public @interface Config {
        @AttributeDefinition(description = "Longest time a request is held waiting for the API to come back, in ms")
        long hold_ms() default 15_000;

        @AttributeDefinition(description = "Pause between two tries while the API is being rebuilt, in ms")
        long retry_ms() default 20;
    }

    private volatile long holdMillis;
    private volatile long retryMillis;

    @Activate
    @Modified
    void configure(Config config) {
        holdMillis = Math.max(0, config.hold_ms());
        retryMillis = Math.max(1, config.retry_ms());
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // configured through Config Admin (configure), nothing from the container
    }

    @Override
    public void destroy() {
        // nothing held between requests
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        long deadline = System.nanoTime() + holdMillis * 1_000_000L;
        int tries = 0;
        while (true) {
            HeldResponse held = new HeldResponse(http);
            chain.doFilter(request, held);
            tries++;
            if (!held.isHeld()) {
                return;
            }
            byte[] body = held.body();
            boolean noService = new String(body, StandardCharsets.ISO_8859_1).contains(NO_SERVICE);
            if (!noService || System.nanoTime() > deadline || request.isAsyncStarted() || http.isCommitted()) {
                if (noService) {
                    LOG.warn("API still rebuilding after {} ms; answering {} {} with 404", holdMillis,
                            ((HttpServletRequest) request).getMethod(), ((HttpServletRequest) request).getRequestURI());
                }
                held.release();
                return;
            }
            if (tries == 1) {
                LOG.debug("API being rebuilt; holding {} {}", ((HttpServletRequest) request).getMethod(),
                        ((HttpServletRequest) request).getRequestURI());
            }
            http.reset();
            try {
                Thread.sleep(retryMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                held.release();
                return;
            }
        }
    }

    /**
     * A response that passes everything through except the body of a 404, which it keeps until
     * {@link #release()} so the request can be tried again.
     */
    static final class HeldResponse extends HttpServletResponseWrapper {
        private final HttpServletResponse target;
        private ByteArrayOutputStream buffer;
        private ServletOutputStream stream;
        private PrintWriter writer;
        private int status = 200;

        HeldResponse(HttpServletResponse target) {
            super(target);
            this.target = target;
        }

        boolean isHeld() {
            return buffer != null || status == 404 && stream == null && writer == null;
        }

        @Override
        public void setStatus(int sc) {
            status = sc;
            super.setStatus(sc);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void setStatus(int sc, String sm) {
            status = sc;
            super.setStatus(sc, sm);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (writer != null) {
                throw new IllegalStateException("getWriter() already called");
            }
            if (stream == null) {
                if (status == 404) {
                    buffer = new ByteArrayOutputStream();
                    stream = new BufferStream(buffer);
                } else {
                    stream = target.getOutputStream();
                }
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                if (stream != null) {
                    throw new IllegalStateException("getOutputStream() already called");
                }
                if (status == 404) {
                    buffer = new ByteArrayOutputStream();
                    Charset charset = charset();
                    writer = new PrintWriter(new OutputStreamWriter(buffer, charset));
                } else {
                    writer = target.getWriter();
                }
            }
            return writer;
        }

        private Charset charset() {
            try {
                String name = getCharacterEncoding();
                return name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(name);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public void flushBuffer() throws IOException {
            if (buffer == null) {
                super.flushBuffer();
            } else if (writer != null) {
                writer.flush();
            }
        }

        byte[] body() {
            if (writer != null && buffer != null) {
                writer.flush();
            }
            return buffer == null ? new byte[0] : buffer.toByteArray();
        }

        /** Sends the kept body (if any) to the real response. */
        void release() throws IOException {
            byte[] body = body();
            if (body.length > 0) {
                ServletOutputStream out = target.getOutputStream();
                out.write(body);
                out.flush();
            }
        }
    }

    private static final class BufferStream extends ServletOutputStream {
        private final ByteArrayOutputStream buffer;

        BufferStream(ByteArrayOutputStream buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("held 404 bodies are written synchronously");
        }
    }
}

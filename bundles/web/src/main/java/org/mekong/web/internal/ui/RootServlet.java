package org.mekong.web.internal.ui;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The site root: {@code /} leads to the UI shell, {@code /api-docs} to Swagger UI; any other
 * unknown path is a JSON 404 rather than a container error page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public class RootServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if ("/".equals(path) || "/ui".equals(path) || "/index.html".equals(path)) {
            resp.sendRedirect("/ui/index.html");
        } else if ("/api-docs".equals(path) || "/api-docs/".equals(path)) {
            resp.sendRedirect("/ui/api-docs.html");
        } else {
            resp.setStatus(404);
            resp.setContentType("application/json;charset=UTF-8");
            resp.getWriter().write("{\"error\":\"not_found\",\"message\":\"No such page\",\"details\":[]}");
        }
    }
}

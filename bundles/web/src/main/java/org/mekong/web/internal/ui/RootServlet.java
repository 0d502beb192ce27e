package org.mekong.web.internal.ui;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The site root: {@code /} leads to the site's home page, {@code /api-docs} to Swagger UI; any
 * other unknown path is a JSON 404 rather than a container error page. The home page is the UI
 * shell unless a plugin registers a {@link UiContribution} with the service property
 * {@value #HOME_PROPERTY}{@code =true} (the portal does): then it is that entry's page, for as
 * long as the plugin is installed.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
public class RootServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public static final String HOME_PROPERTY = "mekong.ui.home";

    private final transient List<UiContribution> homes = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + HOME_PROPERTY + "=true)")
    void addHome(UiContribution home) {
        homes.add(home);
    }

    void removeHome(UiContribution home) {
        homes.remove(home);
    }

    private String home() {
        return homes.stream().map(UiContribution::href).filter(h -> h != null && h.startsWith("/")).findFirst()
                .orElse("/ui/index.html");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if ("/".equals(path) || "/index.html".equals(path)) {
            resp.sendRedirect(home());
        } else if ("/ui".equals(path)) {
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

package org.mekong.sandbox.internal;

import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** The sandbox pages ({@code /sandbox/*}), the chart library ({@code /sandbox/lib/*}) and the menu entry. */
public final class SandboxUi {
    private SandboxUi() {
    }

    @Component(service = Pages.class)
    @HttpWhiteboardResource(pattern = "/sandbox/*", prefix = "/web")
    public static class Pages {
    }

    @Component(service = Charts.class)
    @HttpWhiteboardResource(pattern = "/sandbox/lib/*", prefix = WebJarPaths.ECHARTS)
    public static class Charts {
    }

    @Component(service = UiContribution.class)
    public static class Menu implements UiContribution {
        @Override
        public String id() {
            return "sandbox.pilots";
        }

        @Override
        public String labelVi() {
            return "Thí điểm (sandbox)";
        }

        @Override
        public String labelEn() {
            return "Sandbox pilots";
        }

        @Override
        public String href() {
            return "/sandbox/pilots.html";
        }

        @Override
        public int order() {
            return 40;
        }
    }
}

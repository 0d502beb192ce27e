package org.mekong.monitoring.internal;

import org.mekong.core.spi.UiContribution;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardResource;

/** The monitoring pages (served at {@code /monitoring/*}) and their menu entries in the UI shell. */
public final class MonitoringUi {
    private MonitoringUi() {
    }

    /** Static pages and ECharts from this bundle. */
    @Component(service = Pages.class)
    @HttpWhiteboardResource(pattern = "/monitoring/*", prefix = "/web")
    public static class Pages {
    }

    /** ECharts from the WebJar, at {@code /monitoring/lib/echarts.min.js}. */
    @Component(service = Charts.class)
    @HttpWhiteboardResource(pattern = "/monitoring/lib/*", prefix = WebJarPaths.ECHARTS)
    public static class Charts {
    }

    private record Entry(String id, String labelVi, String labelEn, String href, int order, String requiredRole)
            implements UiContribution {
    }

    /** Dashboard. */
    @Component(service = UiContribution.class)
    public static class Dashboard extends Delegate {
        public Dashboard() {
            super(new Entry("monitoring.dashboard", "Bảng điều khiển theo dõi, đánh giá", "Monitoring dashboard",
                    "/monitoring/dashboard.html", 10, null));
        }
    }

    /** Data entry. */
    @Component(service = UiContribution.class)
    public static class DataEntry extends Delegate {
        public DataEntry() {
            super(new Entry("monitoring.entry", "Nhập số liệu định kỳ", "Periodic data entry", "/monitoring/entry.html", 20,
                    null));
        }
    }

    /** The verification queue, next to data entry; for those who decide on values. */
    @Component(service = UiContribution.class)
    public static class Verification extends Delegate {
        public Verification() {
            super(new Entry("monitoring.verify", "Xác minh số liệu", "Verify data", "/monitoring/verify.html", 25,
                    "VERIFIER,ADMIN,CENTRAL_IT"));
        }
    }

    /** Tasks. */
    @Component(service = UiContribution.class)
    public static class Tasks extends Delegate {
        public Tasks() {
            super(new Entry("monitoring.tasks", "Nhiệm vụ", "Tasks", "/monitoring/tasks.html", 30, null));
        }
    }

    /** Warnings. */
    @Component(service = UiContribution.class)
    public static class Warnings extends Delegate {
        public Warnings() {
            super(new Entry("monitoring.warnings", "Cảnh báo sớm", "Early warnings", "/monitoring/warnings.html", 40, null));
        }
    }

    /** A UiContribution backed by a fixed entry. */
    abstract static class Delegate implements UiContribution {
        private final Entry entry;

        Delegate(Entry entry) {
            this.entry = entry;
        }

        @Override
        public String id() {
            return entry.id();
        }

        @Override
        public String labelVi() {
            return entry.labelVi();
        }

        @Override
        public String labelEn() {
            return entry.labelEn();
        }

        @Override
        public String href() {
            return entry.href();
        }

        @Override
        public int order() {
            return entry.order();
        }

        @Override
        public String requiredRole() {
            return entry.requiredRole();
        }
    }
}

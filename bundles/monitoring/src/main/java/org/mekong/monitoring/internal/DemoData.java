package org.mekong.monitoring.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Period;
import org.mekong.core.api.Periodicity;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.form.ReportingFormService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo data, loaded once when the plugin first starts on a database without tasks (config
 * {@code demo.data}, default true): targets, R57 tasks with deadlines around 30 June 2025 and a
 * few around today, and values from January 2025 to September 2026 for the 34 provinces and Hue's
 * communes, taken through the real workflow (entered, submitted, verified; the latest quarter
 * partly submitted, draft or rejected). Values come from a fixed-seed generator: a base level per
 * unit, a slow improvement and noise, with a few provinces deliberately stale or worsening so the
 * warnings have something to show.
 */
@Component(service = DemoData.class, immediate = true, configurationPid = "org.mekong.monitoring")
public class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    static final Caller LOADER = new Caller("demo", Set.of(Role.CENTRAL_IT, Role.VERIFIER), Set.of());
    /** A second demo identity decides on the values the loader entered: nobody verifies their own values. */
    static final Caller DEMO_VERIFIER = new Caller("demo-verifier", Set.of(Role.CENTRAL_IT, Role.VERIFIER), Set.of());
    static final Period FIRST_MONTH = Period.parse("202501");
    static final Period LAST_MONTH = Period.parse("202609");

    @Activate
    public DemoData(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference DataValueService values, @Reference OrgUnitService orgUnits, @Reference TaskService tasks,
            @Reference TargetService targets, @Reference EvidenceService evidence, @Reference ReportingFormService forms,
            MonitoringConfig config) {
        if (!config.demo_data() || !tasks.isEmpty()) {
            return;
        }
        loadForms(forms);
        long started = System.nanoTime();
        List<OrgUnit> provinces = orgUnits.search(OrgUnitLevel.PROVINCE, null, 0, 100).items();
        List<OrgUnit> hue = orgUnits.children("HUE");
        int loaded = loadValues(values, provinces, hue);
        Jdbc.write(ds, c -> {
            for (OrgUnit p : provinces) {
                for (String[] t : new String[][] { { "ONLINE-SERVICE-RATE", "75", "80" },
                        { "BROADBAND-COVERAGE", "85", "90" }, { "STARTUPS", "20", "25" },
                        { "ONLINE-DOSSIER-RATE", "70", "75" } }) {
                    targets.insertDemo(c, t[0], p.code(), "2025", Double.parseDouble(t[1]));
                    targets.insertDemo(c, t[0], p.code(), "2026", Double.parseDouble(t[2]));
                }
            }
            loadTasks(c, orgUnits, tasks, evidence);
            return null;
        });
        LOG.info("Loaded monitoring demo data: {} values, targets, tasks in {} ms", loaded,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static int loadValues(DataValueService values, List<OrgUnit> provinces, List<OrgUnit> communes) {
        List<DataValueInput> inputs = new ArrayList<>();
        Map<String, List<DataValueKey>> byUnitPeriod = new HashMap<>();
        List<Period> months = FIRST_MONTH.rangeTo(LAST_MONTH);
        List<Period> quarters = Period.parse("2025Q1").rangeTo(Period.parse("2026Q3"));
        String note = "Số liệu tổng hợp từ báo cáo định kỳ của đơn vị";
        for (int u = 0; u < provinces.size(); u++) {
            OrgUnit p = provinces.get(u);
            Random r = new Random(57L * 1000 + u);
            boolean stale = u % 12 == 5;
            boolean falling = u % 11 == 3;
            double online = 45 + r.nextInt(40);
            double broadband = 62 + r.nextInt(30);
            double startups = 2 + r.nextInt(50);
            for (int q = 0; q < quarters.size(); q++) {
                if (stale && q == quarters.size() - 1) {
                    continue;
                }
                double trend = falling && q >= quarters.size() - 3 ? -4.0 * (q - quarters.size() + 4) : 2.0 * q;
                add(inputs, "ONLINE-SERVICE-RATE", p, quarters.get(q), pct(online + trend + r.nextGaussian()), note);
                add(inputs, "BROADBAND-COVERAGE", p, quarters.get(q), pct(broadband + 1.5 * q + r.nextGaussian()), note);
                add(inputs, "STARTUPS", p, quarters.get(q), Math.max(0, Math.round(startups + q + r.nextGaussian() * 2)), note);
            }
            double feedback = 35 + r.nextInt(55);
            for (int m = 0; m < months.size(); m++) {
                if (stale && m >= months.size() - 2) {
                    continue;
                }
                add(inputs, "ONLINE-DOSSIER-RATE", p, months.get(m), pct(feedback + 0.8 * m + 2 * r.nextGaussian()), note);
            }
            add(inputs, "DE-GRDP-SHARE", p, Period.parse("2025"), round(6 + r.nextDouble() * 18), note);
            add(inputs, "RD-SPEND-SHARE", p, Period.parse("2025"), round(0.3 + r.nextDouble() * 2.2), note);
        }
        for (int u = 0; u < communes.size(); u++) {
            OrgUnit c = communes.get(u);
            Random r = new Random(193L * 1000 + u);
            double feedback = 30 + r.nextInt(65);
            for (int m = 0; m < months.size(); m++) {
                add(inputs, "ONLINE-DOSSIER-RATE", c, months.get(m), pct(feedback + 0.6 * m + 3 * r.nextGaussian()), note);
            }
            double online = 40 + r.nextInt(50);
            for (int q = 0; q < quarters.size(); q++) {
                add(inputs, "ONLINE-SERVICE-RATE", c, quarters.get(q), pct(online + 2.5 * q + r.nextGaussian()), note);
            }
        }
        add(inputs, "KSG-DT", new OrgUnit("VN", null, null, OrgUnitLevel.NATIONAL, null, "/VN/"), Period.parse("2025"), 72,
                note);
        add(inputs, "KSG-ST", new OrgUnit("VN", null, null, OrgUnitLevel.NATIONAL, null, "/VN/"), Period.parse("2025"), 64,
                note);
        values.writeBatch(LOADER, inputs);
        for (DataValueInput in : inputs) {
            byUnitPeriod.computeIfAbsent(in.orgUnit() + "|" + in.period(), k -> new ArrayList<>())
                    .add(new DataValueKey(in.indicator(), in.orgUnit(), in.period()));
        }
        // Walk the workflow: everything up to mid-2026 verified; the latest quarter partly submitted,
        // partly still draft, one set rejected.
        List<DataValueKey> verify = new ArrayList<>();
        List<DataValueKey> reject = new ArrayList<>();
        List<org.mekong.core.api.data.UnitPeriod> submit = new ArrayList<>();
        for (Map.Entry<String, List<DataValueKey>> e : byUnitPeriod.entrySet()) {
            String[] k = e.getKey().split("\\|");
            Period period = Period.parse(k[1]);
            boolean latest = period.end().isAfter(LocalDate.of(2026, 6, 30));
            int h = Math.abs(k[0].hashCode());
            if (latest && h % 4 == 0) {
                continue;
            }
            submit.add(new org.mekong.core.api.data.UnitPeriod(k[0], k[1]));
            if (!latest) {
                verify.addAll(e.getValue());
            } else if (k[0].equals("DA-NANG") && period.periodicity() == org.mekong.core.api.Periodicity.QUARTERLY) {
                reject.addAll(e.getValue());
            }
        }
        values.submitAll(LOADER, submit);
        values.verify(DEMO_VERIFIER, verify);
        if (!reject.isEmpty()) {
            values.reject(DEMO_VERIFIER, reject, "Số liệu quý chưa khớp với báo cáo của Sở; đề nghị rà soát và gửi lại.");
        }
        return inputs.size();
    }

    /** The reporting forms of the demo indicators: provinces quarterly and monthly, communes, ministries yearly. */
    private static void loadForms(ReportingFormService forms) {
        List<ReportingForm> demo = List.of(
                new ReportingForm("PROVINCE-QUARTERLY", "Báo cáo quý chuyển đổi số cấp tỉnh",
                        "Provincial quarterly digital transformation report", Periodicity.QUARTERLY, 15,
                        List.of("ONLINE-SERVICE-RATE", "BROADBAND-COVERAGE", "STARTUPS"), List.of(OrgUnitLevel.PROVINCE),
                        List.of(), 0),
                new ReportingForm("PROVINCE-MONTHLY", "Báo cáo tháng dịch vụ công cấp tỉnh",
                        "Provincial monthly public-service report", Periodicity.MONTHLY, 10,
                        List.of("ONLINE-DOSSIER-RATE"), List.of(OrgUnitLevel.PROVINCE), List.of(), 0),
                new ReportingForm("PROVINCE-YEARLY", "Báo cáo năm kinh tế số và khoa học công nghệ cấp tỉnh",
                        "Provincial yearly digital economy and science report", Periodicity.YEARLY, 30,
                        List.of("DE-GRDP-SHARE", "RD-SPEND-SHARE"), List.of(OrgUnitLevel.PROVINCE), List.of(), 0),
                new ReportingForm("COMMUNE-MONTHLY", "Báo cáo tháng trung tâm phục vụ hành chính công cấp xã",
                        "Commune monthly public-service centre report", Periodicity.MONTHLY, 7,
                        List.of("ONLINE-DOSSIER-RATE"), List.of(OrgUnitLevel.COMMUNE), List.of(), 0),
                new ReportingForm("COMMUNE-QUARTERLY", "Báo cáo quý dịch vụ công trực tuyến cấp xã",
                        "Commune quarterly online public services report", Periodicity.QUARTERLY, 10,
                        List.of("ONLINE-SERVICE-RATE"), List.of(OrgUnitLevel.COMMUNE), List.of(), 0),
                new ReportingForm("MINISTRY-YEARLY", "Báo cáo năm khoa học, công nghệ và kinh tế số của bộ, ngành",
                        "Ministries' yearly science, technology and digital economy report", Periodicity.YEARLY, 30,
                        List.of("DE-GRDP-SHARE", "RD-SPEND-SHARE"), List.of(), List.of("BO-KHCN", "BO-TC", "VPCP"), 0));
        for (ReportingForm f : demo) {
            if (forms.list(LOADER, null).stream().noneMatch(existing -> existing.code().equals(f.code()))) {
                forms.create(LOADER, f);
            }
        }
    }

    private static void add(List<DataValueInput> inputs, String indicator, OrgUnit unit, Period period, double value,
            String comment) {
        inputs.add(new DataValueInput(indicator, unit.code(), period.id(), value, comment, null));
    }

    private static double pct(double v) {
        return round(Math.max(0, Math.min(100, v)));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void loadTasks(java.sql.Connection c, OrgUnitService orgUnits, TaskService tasks,
            EvidenceService evidence) throws java.sql.SQLException {
        LocalDate today = LocalDate.now();
        Instant now = Instant.now();
        Object[][] plan = {
            // code, title, group, unit, responsible, deadline, product, progress, completed (days after deadline, null = open)
            { "NV-01", "Hoàn thiện Hệ thống thông tin theo dõi, đánh giá thực hiện Nghị quyết 57", "KSG-DT", "BO-KHCN",
                "Vụ Kế hoạch - Tài chính", "2025-06-30", "Hệ thống vận hành chính thức", 100, -2 },
            { "NV-02", "Ban hành bộ chỉ số đánh giá mức độ chuyển đổi số cấp tỉnh", "KSG-DT", "BO-KHCN",
                "Cục Chuyển đổi số quốc gia", "2025-06-30", "Quyết định ban hành bộ chỉ số", 100, 12 },
            { "NV-03", "Xây dựng cơ sở dữ liệu quốc gia về khoa học, công nghệ và đổi mới sáng tạo", "KSG-ST", "BO-KHCN",
                "Cục Thông tin KH&CN quốc gia", "2025-12-31", "CSDL kết nối, chia sẻ", 80, null },
            { "NV-04", "Trình Quốc hội Nghị quyết thí điểm cơ chế đặc biệt (Nghị quyết 193/2025/QH15)", "KSG-ST", "BO-KHCN",
                "Vụ Pháp chế", "2025-02-28", "Nghị quyết được thông qua", 100, -9 },
            { "NV-05", "Cung cấp 100% thủ tục hành chính đủ điều kiện dưới hình thức dịch vụ công trực tuyến toàn trình",
                "KSG-DT", "VPCP", "Cục Kiểm soát thủ tục hành chính", "2025-06-30", "Cổng DVC quốc gia", 92, null },
            { "NV-06", "Kết nối, chia sẻ dữ liệu dân cư với các cơ sở dữ liệu chuyên ngành", "KSG-DT", "BO-CA",
                "Cục C06", "2025-09-30", "Dữ liệu được xác thực", 100, 0 },
            { "NV-07", "Sửa đổi cơ chế tài chính cho nhiệm vụ khoa học và công nghệ (khoán chi đến sản phẩm cuối cùng)",
                "KSG-ST", "BO-TC", "Vụ Hành chính sự nghiệp", "2025-06-30", "Thông tư hướng dẫn", 100, 31 },
            { "NV-08", "Phủ sóng 5G tại các khu công nghiệp, khu công nghệ cao", "KSG-DT", "BO-KHCN", "Cục Viễn thông",
                "2026-12-31", "Bản đồ vùng phủ", 55, null },
            { "NV-09", "Đào tạo kỹ năng số cho cán bộ, công chức cấp xã", "KSG-DT", "BO-NV", "Vụ Đào tạo",
                "DUE_SOON", "100% cán bộ cấp xã được tập huấn", 70, null },
            { "NV-10", "Xây dựng chiến lược quốc gia về dữ liệu mở", "KSG-DT", "BO-KHCN", "Cục Chuyển đổi số quốc gia",
                "LATER", "Chiến lược được phê duyệt", 0, null },
        };
        for (Object[] t : plan) {
            addTask(c, orgUnits, tasks, t, today, now);
        }
        List<OrgUnit> provinces = orgUnits.search(OrgUnitLevel.PROVINCE, null, 0, 100).items();
        for (int i = 0; i < provinces.size(); i++) {
            OrgUnit p = provinces.get(i);
            int mode = i % 6;
            Object completed = switch (mode) {
                case 0, 1, 2 -> -(i % 10);
                case 3 -> 20 + i;
                default -> null;
            };
            addTask(c, orgUnits, tasks, new Object[] { "KH-" + p.code(), "Ban hành Kế hoạch hành động của tỉnh, thành phố "
                    + "thực hiện Nghị quyết 57-NQ/TW", "KSG-DT", p.code(), "Sở Khoa học và Công nghệ", "2025-06-30",
                "Kế hoạch được ban hành", completed == null ? 60 + i : 100, completed }, today, now);
            addTask(c, orgUnits, tasks, new Object[] { "TT-" + p.code(), "Vận hành trung tâm phục vụ hành chính công cấp xã "
                    + "trên nền tảng số", "KSG-DT", p.code(), "Văn phòng UBND tỉnh", i % 5 == 0 ? "DUE_SOON" : "2026-12-31",
                "Trung tâm vận hành", 30 + i, null }, today, now);
        }
        // Evidence on most completed tasks; some left without, for the missing-evidence rule.
        List<Object[]> reports = Jdbc.list(c, "SELECT r.ID, r.TASK_CODE, t.ORGUNIT_CODE FROM MON_TASK_REPORT r JOIN "
                + "MON_TASK t ON t.CODE = r.TASK_CODE WHERE r.DONE = TRUE ORDER BY r.ID",
                rs -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) });
        for (int i = 0; i < reports.size(); i++) {
            if (i % 4 == 3) {
                continue;
            }
            Object[] r = reports.get(i);
            evidence.insertDemo(c, "TASK_REPORT", String.valueOf(r[0]), (String) r[2], "bien-ban-" + r[1] + ".txt",
                    "Biên bản nghiệm thu / acceptance record: " + r[1]);
        }
    }

    private static void addTask(java.sql.Connection c, OrgUnitService orgUnits, TaskService tasks, Object[] t,
            LocalDate today, Instant now) throws java.sql.SQLException {
        OrgUnit unit = orgUnits.get((String) t[3]);
        String d = (String) t[5];
        LocalDate deadline = switch (d) {
            case "DUE_SOON" -> today.plusDays(7);
            case "LATER" -> today.plusDays(120);
            default -> LocalDate.parse(d);
        };
        Integer late = (Integer) t[8];
        LocalDate completed = late == null ? null : deadline.plusDays(late);
        int progress = (Integer) t[7];
        Instant lastReport = progress == 0 ? null
                : (completed != null ? completed.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : now.minus(10, ChronoUnit.DAYS));
        tasks.insertDemo(c, (String) t[0], (String) t[1], (String) t[2], unit, (String) t[4], deadline, (String) t[6],
                progress, completed, lastReport);
    }
}

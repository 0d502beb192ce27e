package org.mekong.sandbox.internal;

import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.sandbox.internal.Views.PilotInput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo pilots on first start (config {@code demo.data}, no pilot yet), through the same service
 * the REST API uses: end-to-end online dossiers in five of Hue's commune centres against five
 * others, and shared digital infrastructure in three provinces against three. Their evaluations
 * read whatever values the monitoring plugin holds for the watched indicators.
 */
@Component(service = DemoData.class, immediate = true, configurationPid = SandboxConfig.PID)
public class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final Caller DEMO = new Caller("mekong-demo", Set.of(Role.ADMIN), Set.of());

    @Activate
    public DemoData(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference PilotService pilots, SandboxConfig config) {
        if (!config.demo_data() || Jdbc.read(ds, c -> Jdbc.count(c, "SELECT COUNT(*) FROM SB_PILOT")) > 0) {
            return;
        }
        List<String> hue = units.children("HUE").stream().map(OrgUnit::code).sorted().toList();
        List<String> provinces = units.search(OrgUnitLevel.PROVINCE, null, 0, 100).items().stream().map(OrgUnit::code)
                .sorted().toList();
        int n = 0;
        try {
            n = load(pilots, hue, provinces);
        } catch (RuntimeException e) {
            LOG.warn("Demo pilots not loaded: {}", e.toString());
        }
        LOG.info("Loaded {} demo pilots", n);
    }

    private static int load(PilotService pilots, List<String> hue, List<String> provinces) {
        int n = 0;
        if (hue.size() >= 10) {
            pilots.create(DEMO, new PilotInput("PILOT-HUE-ONLINE-DOSSIER",
                    "Thí điểm tiếp nhận, giải quyết hồ sơ trực tuyến toàn trình tại trung tâm phục vụ hành chính công cấp xã",
                    "End-to-end online dossiers at commune public-service centres", "CONTROLLED_TESTING",
                    "Năm trung tâm phục vụ hành chính công cấp xã của Huế chỉ tiếp nhận hồ sơ trực tuyến toàn trình, có tổ "
                            + "công nghệ số cộng đồng hỗ trợ người dân tại chỗ; năm xã khác làm đối chứng. Sau 6 tháng đánh "
                            + "giá tỷ lệ hồ sơ trực tuyến để quyết định nhân rộng.",
                    "2025-10-01", "2026-03-31", null, hue.subList(0, 5), hue.subList(5, 10),
                    List.of("ONLINE-DOSSIER-RATE"), null));
            n++;
        }
        if (provinces.size() >= 6) {
            pilots.create(DEMO, new PilotInput("PILOT-SHARED-DIGITAL-INFRA",
                    "Thí điểm thuê hạ tầng số dùng chung cho dịch vụ công trực tuyến cấp tỉnh",
                    "Leased shared digital infrastructure for provincial online services", "DIGITAL_INFRASTRUCTURE",
                    "Ba tỉnh thuê hạ tầng điện toán đám mây dùng chung thay vì đầu tư riêng; ba tỉnh khác làm đối chứng. "
                            + "Theo dõi tỷ lệ dịch vụ công trực tuyến và độ phủ băng rộng.",
                    "2025-07-01", "2025-12-31", null, provinces.subList(0, 3), provinces.subList(3, 6),
                    List.of("ONLINE-SERVICE-RATE", "BROADBAND-COVERAGE"), null));
            n++;
        }
        return n;
    }
}

package org.mekong.feedback.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.mekong.feedback.internal.Vocab.Category;
import org.mekong.feedback.internal.Vocab.Channel;
import org.mekong.feedback.internal.Vocab.Field;
import org.mekong.feedback.internal.Vocab.Status;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo feedback on first start (config {@code demo.data}, empty FB_ITEM): the seeds' Hue example
 * — 526 messages received by Hue's 40 commune public-service centres in the first half of 2025,
 * 126 resolved by 1 July 2025, Quang Dien receiving the most (83), Huong An and Phong Thai
 * resolving 11 of 12 each — then their later processing, a stream of recent items in every
 * status, routing rules and discussions in the three spaces.
 */
@Component(service = DemoData.class, immediate = true, configurationPid = FeedbackConfig.PID)
public class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    static final LocalDate HUE_DAY = LocalDate.of(2025, 7, 1);

    private final DataSource ds;
    private final OrgUnitService units;
    private final FeedbackService feedback;
    private final Random random = new Random(57);

    @Activate
    public DemoData(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference OrgUnitService units, @Reference FeedbackService feedback,
            @Reference DiscussionService discussion, FeedbackConfig config) {
        this.ds = ds;
        this.units = units;
        this.feedback = feedback;
        if (!config.demo_data()) {
            return;
        }
        long start = System.nanoTime();
        boolean loaded = Jdbc.write(ds, c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM FB_ITEM") > 0) {
                return false;
            }
            load(c, discussion);
            return true;
        });
        if (loaded) {
            feedback.reindex();
            LOG.info("Loaded feedback demo data in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Subject templates: category, field, title, content. {place} is the commune's name. */
    private static final String[][] TEXTS = {
        { "DIFFICULTY", "DIGITAL_TRANSFORMATION", "Cổng dịch vụ công thường xuyên bị lỗi khi nộp hồ sơ",
            "Tôi nộp hồ sơ trực tuyến trên cổng dịch vụ công nhiều lần nhưng hệ thống báo lỗi, không tải được tệp đính kèm. Đề nghị trung tâm phục vụ hành chính công {place} kiểm tra và hướng dẫn." },
        { "DIFFICULTY", "DIGITAL_TRANSFORMATION", "Mạng internet yếu, không thực hiện được thanh toán trực tuyến",
            "Khu vực thôn chúng tôi ở {place} sóng di động và internet rất yếu, người dân không thể thanh toán trực tuyến phí, lệ phí. Đề nghị nâng cấp hạ tầng viễn thông." },
        { "DIFFICULTY", "DIGITAL_TRANSFORMATION", "Người cao tuổi khó sử dụng ứng dụng định danh điện tử",
            "Nhiều người cao tuổi ở {place} không biết cách kích hoạt và sử dụng tài khoản định danh điện tử mức 2. Đề nghị có tổ công nghệ số cộng đồng hướng dẫn tận nhà." },
        { "ADMIN_PROCEDURE", "DIGITAL_TRANSFORMATION", "Thủ tục đăng ký khai sinh trực tuyến yêu cầu giấy tờ trùng lặp",
            "Khi đăng ký khai sinh trực tuyến tại {place}, hệ thống vẫn yêu cầu nộp bản sao giấy tờ đã có trong cơ sở dữ liệu quốc gia về dân cư. Đề nghị cắt giảm giấy tờ trùng lặp." },
        { "ADMIN_PROCEDURE", "OTHER", "Thời gian giải quyết hồ sơ đất đai kéo dài",
            "Hồ sơ cấp giấy chứng nhận quyền sử dụng đất của gia đình tôi nộp tại trung tâm phục vụ hành chính công {place} đã quá hạn nhưng chưa có kết quả, không được thông báo lý do." },
        { "ADMIN_PROCEDURE", "DIGITAL_TRANSFORMATION", "Chưa liên thông thủ tục đăng ký thường trú và cấp thẻ bảo hiểm y tế",
            "Đề nghị liên thông thủ tục đăng ký thường trú với cấp thẻ bảo hiểm y tế cho trẻ em tại {place} để người dân không phải đi lại nhiều lần." },
        { "POLICY_PROPOSAL", "SCIENCE_TECHNOLOGY", "Kiến nghị cơ chế khoán chi đến sản phẩm cuối cùng cho đề tài khoa học",
            "Đề nghị áp dụng cơ chế khoán chi đến sản phẩm cuối cùng cho các nhiệm vụ khoa học và công nghệ cấp tỉnh, giảm thủ tục thanh quyết toán cho nhà khoa học." },
        { "POLICY_PROPOSAL", "INNOVATION", "Đề xuất chính sách hỗ trợ doanh nghiệp khởi nghiệp sáng tạo thuê văn phòng",
            "Kiến nghị tỉnh có chính sách hỗ trợ chi phí thuê văn phòng và không gian làm việc chung cho doanh nghiệp khởi nghiệp sáng tạo trong hai năm đầu hoạt động." },
        { "POLICY_PROPOSAL", "DIGITAL_TRANSFORMATION", "Kiến nghị miễn phí dịch vụ công trực tuyến toàn trình",
            "Đề nghị miễn hoặc giảm lệ phí khi người dân thực hiện dịch vụ công trực tuyến toàn trình để khuyến khích chuyển đổi số tại {place}." },
        { "POLICY_PROPOSAL", "SCIENCE_TECHNOLOGY", "Đề xuất cơ chế thử nghiệm có kiểm soát cho công nghệ mới",
            "Kiến nghị sớm ban hành quy định về cơ chế thử nghiệm có kiểm soát (sandbox) để doanh nghiệp thử nghiệm công nghệ mới trong lĩnh vực tài chính số và y tế số." },
        { "INITIATIVE", "DIGITAL_TRANSFORMATION", "Sáng kiến bản đồ số các điểm du lịch, di tích",
            "Chúng tôi đề xuất xây dựng bản đồ số các điểm di tích, du lịch của {place} tích hợp thuyết minh tự động bằng nhiều ngôn ngữ, mã QR tại từng điểm." },
        { "INITIATIVE", "INNOVATION", "Sáng kiến chợ nông sản trực tuyến cho hợp tác xã",
            "Hợp tác xã đề xuất sáng kiến xây dựng sàn giao dịch nông sản trực tuyến, truy xuất nguồn gốc bằng mã QR cho sản phẩm của {place}." },
        { "INITIATIVE", "SCIENCE_TECHNOLOGY", "Giải pháp cảm biến cảnh báo sạt lở đất",
            "Nhóm nghiên cứu đề xuất lắp đặt hệ thống cảm biến đo mưa và độ ẩm đất, cảnh báo sớm sạt lở cho các thôn miền núi của {place}." },
        { "DIFFICULTY", "SCIENCE_TECHNOLOGY", "Khó khăn khi đăng ký nhiệm vụ khoa học và công nghệ",
            "Hồ sơ đăng ký nhiệm vụ khoa học và công nghệ quá nhiều biểu mẫu, thời gian xét duyệt kéo dài, nhà khoa học trẻ khó tiếp cận kinh phí nghiên cứu." },
        { "DIFFICULTY", "INNOVATION", "Vướng mắc về thủ tục góp vốn cho doanh nghiệp đổi mới sáng tạo",
            "Quỹ đầu tư mạo hiểm gặp vướng mắc về thủ tục góp vốn vào doanh nghiệp đổi mới sáng tạo, chưa có hướng dẫn thống nhất giữa các cơ quan." },
        { "OTHER", "OTHER", "Góp ý về thái độ phục vụ tại bộ phận một cửa",
            "Tôi góp ý về thái độ phục vụ của cán bộ tại bộ phận một cửa {place}, đề nghị niêm yết rõ quy trình và thời gian tiếp nhận hồ sơ." },
    };

    private static final Map<String, String> ANSWERS = Map.of(
            "DIFFICULTY", "Trung tâm đã tiếp nhận, phối hợp với đơn vị kỹ thuật khắc phục sự cố và hướng dẫn trực tiếp cho người dân. Kính mong ông/bà tiếp tục phản ánh nếu còn vướng mắc.",
            "ADMIN_PROCEDURE", "Cơ quan đã rà soát quy trình, hồ sơ của ông/bà đã được giải quyết; kiến nghị cắt giảm giấy tờ đã được tổng hợp gửi cơ quan có thẩm quyền.",
            "POLICY_PROPOSAL", "Kiến nghị được ghi nhận và tổng hợp vào dự thảo chính sách trình cấp có thẩm quyền xem xét trong kỳ họp tới.",
            "INITIATIVE", "Sáng kiến được đánh giá cao; đơn vị sẽ mời nhóm tác giả trao đổi để đưa vào kế hoạch thí điểm năm tới.",
            "OTHER", "Cảm ơn ông/bà đã góp ý; đơn vị đã chấn chỉnh và niêm yết công khai quy trình tại bộ phận một cửa.");

    private static final String[] NAMES = { "Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng",
        "Hoàng Thị Hoa", "Võ Đức Hùng", "Đặng Thu Lan", "Bùi Thanh Long", "Huỳnh Ngọc Mai", "Phan Văn Nam" };
    private static final String[] ORGS = { "Hợp tác xã nông nghiệp Quảng Điền", "Công ty TNHH Công nghệ Sông Hương",
        "Hội Doanh nhân trẻ Huế", "Trường Đại học Khoa học, Đại học Huế", "Công ty Cổ phần Du lịch Cố đô" };

    private record Item(String place, String[] text, Channel channel, Instant received, Status status,
            Instant resolved, Long mergedInto) {
    }

    private void load(Connection c, DiscussionService discussion) throws SQLException {
        List<OrgUnit> communes = units.children("HUE");
        if (communes.size() < 40) {
            LOG.warn("Hue has {} communes instead of 40; feedback demo data skipped", communes.size());
            return;
        }
        List<Item> items = new ArrayList<>();
        // --- the seeds' example: received in H1 2025, resolved by 1 July 2025
        Map<String, int[]> plan = huePlan(communes);
        Instant july = HUE_DAY.plusDays(1).atStartOfDay(FeedbackService.ZONE).toInstant();
        for (OrgUnit u : communes) {
            int[] p = plan.get(u.code());
            for (int i = 0; i < p[0]; i++) {
                boolean resolvedByJuly = i < p[1];
                LocalDate day = resolvedByJuly ? LocalDate.of(2025, 1, 2).plusDays(random.nextInt(150))
                        : LocalDate.of(2025, 1, 2).plusDays(random.nextInt(178));
                Instant received = at(day, 7 + random.nextInt(10));
                Instant resolved;
                Status status;
                if (resolvedByJuly) {
                    resolved = received.plusSeconds(86400L * (2 + random.nextInt(12)) + random.nextInt(20000));
                    if (!resolved.isBefore(july)) {
                        resolved = july.minusSeconds(3600L * (2 + random.nextInt(40)));
                    }
                    status = random.nextInt(4) == 0 ? Status.ANSWERED : Status.PUBLISHED;
                } else if (random.nextInt(40) == 0) {
                    resolved = null;
                    status = Status.REJECTED;
                } else {
                    resolved = july.plusSeconds(86400L * (1 + random.nextInt(150)));
                    status = random.nextInt(3) == 0 ? Status.ANSWERED : Status.PUBLISHED;
                }
                items.add(new Item(u.code(), TEXTS[random.nextInt(TEXTS.length)], channel(), received, status, resolved,
                        null));
            }
        }
        // --- recent items, in every status
        LocalDate today = FeedbackService.today();
        String[] places = { "HUE-QUANG-DIEN", "HUE-PHU-XUAN", "HUE-HUONG-TRA", "HUE-A-LUOI-1", "HUE-PHONG-DIEN", "HUE",
            "VN", "HUE-THUAN-HOA", "HUE-PHU-VANG", "HUE-KIM-LONG" };
        Status[] recent = { Status.RECEIVED, Status.CLASSIFIED, Status.ASSIGNED, Status.IN_PROGRESS, Status.ANSWERED,
            Status.PUBLISHED, Status.PUBLISHED, Status.IN_PROGRESS, Status.ASSIGNED, Status.RECEIVED };
        for (int i = 0; i < 110; i++) {
            Status st = i < 100 ? recent[i % recent.length] : Status.REJECTED;
            Instant received = at(today.minusDays(1 + random.nextInt(60)), 7 + random.nextInt(12));
            Instant resolved = st.isResolved() ? received.plusSeconds(86400L * (1 + random.nextInt(10))) : null;
            if (resolved != null && resolved.isAfter(Instant.now())) {
                resolved = Instant.now().minusSeconds(3600);
            }
            items.add(new Item(places[random.nextInt(places.length)], TEXTS[random.nextInt(TEXTS.length)], channel(),
                    received, st, resolved, null));
        }
        Map<Integer, Long> ids = new HashMap<>();
        insert(c, items, ids);
        // --- duplicates merged into a recent primary
        int primaryIndex = items.size() - 20;
        long primary = ids.get(primaryIndex);
        Item p = items.get(primaryIndex);
        for (int i = 0; i < 4; i++) {
            Instant received = p.received().plusSeconds(3600L * (3 + i * 7));
            Item dup = new Item(p.place(), p.text(), Channel.WEB, received, Status.MERGED, null, primary);
            Map<Integer, Long> one = new HashMap<>();
            insert(c, List.of(dup), one);
        }
        // --- routing rules
        Jdbc.update(c, "INSERT INTO FB_ROUTE (FIELD, PLACE, UNIT) VALUES ('SCIENCE_TECHNOLOGY', 'VN', 'BO-KHCN')");
        Jdbc.update(c, "INSERT INTO FB_ROUTE (FIELD, PLACE, UNIT) VALUES ('INNOVATION', 'VN', 'BO-KHCN')");
        Jdbc.update(c, "INSERT INTO FB_ROUTE (FIELD, PLACE, UNIT) VALUES ('DIGITAL_TRANSFORMATION', 'VN', 'BO-KHCN')");
        Jdbc.update(c, "INSERT INTO FB_ROUTE (FIELD, PLACE, UNIT) VALUES (NULL, 'HUE', NULL)");
        // --- discussions
        for (String space : List.of("STEERING", "ADVISORY", "EXPERTS")) {
            Jdbc.update(c, "INSERT INTO DS_MEMBER (SPACE_CODE, USERNAME, MODERATOR) VALUES (?, 'admin', TRUE)", space);
        }
        String someItem = Jdbc.one(c, "SELECT CODE FROM FB_ITEM WHERE PLACE = 'HUE-QUANG-DIEN' AND STATUS = 'PUBLISHED' "
                + "ORDER BY ID FETCH FIRST 1 ROWS ONLY", rs -> rs.getString(1)).orElse(null);
        Instant t0 = at(today.minusDays(20), 9);
        discussion.demoTopic(c, "STEERING", "admin", "Tiến độ xử lý phản ánh tại các trung tâm phục vụ hành chính công cấp xã",
                "Sau ngày 1/7/2025, 40 trung tâm cấp xã của Huế đã tiếp nhận 526 phản ánh, giải quyết 126. Đề nghị các thành "
                        + "viên cho ý kiến về giải pháp nâng tỷ lệ giải quyết.", t0,
                someItem == null ? List.of() : List.of(new DiscussionService.LinkInput("FEEDBACK", someItem)),
                List.of(new String[] { "ttminh", "Quảng Điền tiếp nhận nhiều nhất (83), cần bổ sung nhân lực cho bộ phận một cửa.", "root" },
                        new String[] { "nvhai", "Đồng ý, đồng thời nhân rộng cách làm của Hương An và Phong Thái (11/12).", "reply" },
                        new String[] { "admin", "Ban Chỉ đạo sẽ tổng hợp và giao nhiệm vụ trong tháng tới.", "root" }));
        discussion.demoTopic(c, "ADVISORY", "admin", "Góp ý cơ chế thử nghiệm có kiểm soát theo Nghị quyết 193/2025/QH15",
                "Hội đồng tư vấn trao đổi về phạm vi, thời hạn và tiêu chí đánh giá các cơ chế thí điểm.", t0.plusSeconds(86400),
                List.of(new DiscussionService.LinkInput("INDICATOR", FeedbackIndicators.RATE)),
                List.of(new String[] { "gs.lequang", "Cần tiêu chí đánh giá định lượng trước khi nhân rộng.", "root" },
                        new String[] { "ts.phamlan", "Đề nghị so sánh với nhóm đối chứng cùng kỳ.", "reply" }));
        discussion.demoTopic(c, "EXPERTS", "admin", "Ứng dụng trí tuệ nhân tạo phân loại phản ánh của người dân",
                "Trao đổi về việc dùng mô hình phân loại văn bản tiếng Việt để gợi ý lĩnh vực, đơn vị xử lý.", t0.plusSeconds(2 * 86400),
                List.of(), List.<String[]>of(new String[] { "ts.hoangnam", "Nên huấn luyện lại định kỳ theo các phản ánh đã được cán bộ xác nhận.", "root" }));
    }

    /** received and resolved-by-July per Hue commune, reproducing the seeds' totals. */
    private Map<String, int[]> huePlan(List<OrgUnit> communes) {
        Map<String, int[]> plan = new HashMap<>();
        plan.put("HUE-QUANG-DIEN", new int[] { 83, 19 });
        plan.put("HUE-HUONG-AN", new int[] { 12, 11 });
        plan.put("HUE-PHONG-THAI", new int[] { 12, 11 });
        List<OrgUnit> others = communes.stream().filter(u -> !plan.containsKey(u.code())).toList();
        int received = 526 - 83 - 12 - 12;
        int resolved = 126 - 19 - 11 - 11;
        int[] r = new int[others.size()];
        int sum = 0;
        for (int i = 0; i < r.length; i++) {
            r[i] = 5 + random.nextInt(14);
            sum += r[i];
        }
        for (int i = 0; sum != received; i = (i + 1) % r.length) {
            int step = sum < received ? 1 : -1;
            if (r[i] + step >= 4 && r[i] + step <= 30) {
                r[i] += step;
                sum += step;
            }
        }
        int[] s = new int[r.length];
        int given = 0;
        for (int i = 0; i < r.length; i++) {
            s[i] = (int) Math.floor(r[i] * (double) resolved / received);
            given += s[i];
        }
        for (int i = 0; given < resolved; i = (i + 1) % r.length) {
            if ((s[i] + 1) * 12 < r[i] * 11) {
                s[i]++;
                given++;
            }
        }
        for (int i = 0; i < r.length; i++) {
            plan.put(others.get(i).code(), new int[] { r[i], s[i] });
        }
        return plan;
    }

    private Channel channel() {
        int n = random.nextInt(10);
        return n < 6 ? Channel.WEB : n < 8 ? Channel.REST : n < 9 ? Channel.OPEN311 : Channel.SOAP;
    }

    private static Instant at(LocalDate day, int hour) {
        return LocalDateTime.of(day, java.time.LocalTime.of(hour, 15)).atZone(FeedbackService.ZONE).toInstant();
    }

    private void insert(Connection c, List<Item> items, Map<Integer, Long> ids) throws SQLException {
        String sql = "INSERT INTO FB_ITEM (CODE, CHANNEL, SENDER_TYPE, SENDER_NAME, SENDER_EMAIL, SENDER_PHONE, ORGANISATION, "
                + "TITLE, CONTENT, PLACE, PLACE_PATH, UNIT, UNIT_PATH, CATEGORY, FIELD, SENDER_CATEGORY, STATUS, "
                + "MERGED_INTO, DEADLINE, ANSWER, ANSWERED_BY, RESOLVED_AT, PUBLISHED_AT, REJECT_REASON, RECEIVED_AT, "
                + "UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<Object[]> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                OrgUnit place = units.get(it.place());
                Category category = Category.valueOf(it.text()[0]);
                Field field = Field.valueOf(it.text()[1]);
                boolean classified = it.status() != Status.RECEIVED;
                boolean assigned = classified && it.status() != Status.CLASSIFIED;
                OrgUnit unit = assigned ? units.get(routeDemo(field, place)) : null;
                int kind = random.nextInt(10);
                String name = kind < 5 ? null : NAMES[random.nextInt(NAMES.length)];
                String org = kind >= 8 ? ORGS[random.nextInt(ORGS.length)] : null;
                String title = it.text()[2];
                String content = it.text()[3].replace("{place}", place.nameVi());
                LocalDate deadline = feedback.deadline(it.received(), category);
                Instant published = it.status() == Status.PUBLISHED ? it.resolved().plusSeconds(86400) : null;
                Instant updated = published != null ? published : it.resolved() != null ? it.resolved()
                        : it.received().plusSeconds(3600L * 26);
                if (updated.isAfter(Instant.now())) {
                    updated = Instant.now();
                }
                Jdbc.bind(ps, feedback.newCode(), it.channel(), name == null ? "ANONYMOUS" : org != null ? "ORGANISATION"
                        : "PERSON", name, name == null ? null : "nguoidan" + random.nextInt(1000) + "@example.vn",
                        name == null ? null : "09" + (10000000 + random.nextInt(89999999)), org, title, content,
                        place.code(), place.path(), unit == null ? null : unit.code(),
                        unit == null ? place.path() : unit.path(), classified ? category : null,
                        classified ? field : null, random.nextBoolean() ? category : null, it.status(),
                        it.mergedInto() == null ? Jdbc.Null.BIGINT : it.mergedInto(), deadline,
                        it.status().isResolved() ? ANSWERS.get(category.name()) : null,
                        it.status().isResolved() ? "admin" : null,
                        it.resolved() == null ? Jdbc.Null.TIMESTAMP : it.resolved(),
                        published == null ? Jdbc.Null.TIMESTAMP : published,
                        it.status() == Status.REJECTED ? "Nội dung không thuộc phạm vi tiếp nhận; đã hướng dẫn gửi cơ quan có thẩm quyền." : null,
                        it.received(), updated);
                ps.executeUpdate();
                long id;
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                ids.put(i, id);
                for (Object[] e : steps(it, unit)) {
                    events.add(new Object[] { id, e[0], e[1], e[2] });
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO FB_EVENT (ITEM_ID, EVENT_AT, ACTOR, KIND, STATUS, NOTE) "
                + "VALUES (?, ?, ?, 'STATUS', ?, ?)")) {
            for (Object[] e : events) {
                ps.setLong(1, (Long) e[0]);
                ps.setTimestamp(2, Timestamp.from((Instant) e[1]));
                ps.setString(3, "admin");
                ps.setString(4, ((Status) e[2]).name());
                if (e[3] == null) {
                    ps.setNull(5, Types.VARCHAR);
                } else {
                    ps.setString(5, (String) e[3]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Jdbc.update(c, "UPDATE FB_ITEM SET PUBLIC_ID = " + FeedbackService.PUBLIC_ID_SQL + " WHERE PUBLIC_ID IS NULL");
    }

    private static String routeDemo(Field field, OrgUnit place) {
        return place.code().equals("VN") && field != Field.OTHER ? "BO-KHCN" : place.code();
    }

    /** The status changes an item went through: time, status, note. */
    private static List<Object[]> steps(Item it, OrgUnit unit) {
        List<Object[]> out = new ArrayList<>();
        Instant t = it.received();
        out.add(new Object[] { t, Status.RECEIVED, it.channel().name() });
        if (it.status() == Status.RECEIVED) {
            return out;
        }
        if (it.status() == Status.MERGED) {
            out.add(new Object[] { t.plusSeconds(7200), Status.MERGED, null });
            return out;
        }
        out.add(new Object[] { t.plusSeconds(3600 * 4), Status.CLASSIFIED, null });
        if (it.status() == Status.CLASSIFIED) {
            return out;
        }
        if (it.status() == Status.REJECTED) {
            out.add(new Object[] { t.plusSeconds(3600 * 30), Status.REJECTED, null });
            return out;
        }
        out.add(new Object[] { t.plusSeconds(3600 * 8), Status.ASSIGNED, unit == null ? null : "→ " + unit.code() });
        if (it.status() == Status.ASSIGNED) {
            return out;
        }
        out.add(new Object[] { t.plusSeconds(3600 * 24), Status.IN_PROGRESS, null });
        if (it.status() == Status.IN_PROGRESS) {
            return out;
        }
        Instant answered = it.resolved();
        out.add(new Object[] { answered, Status.ANSWERED, null });
        if (it.status() == Status.PUBLISHED) {
            out.add(new Object[] { answered.plusSeconds(86400), Status.PUBLISHED, null });
        }
        return out;
    }
}

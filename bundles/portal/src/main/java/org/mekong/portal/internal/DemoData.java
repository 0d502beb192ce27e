package org.mekong.portal.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo content on first start (config {@code demo.data}, empty PT_ITEM), from the facts of the
 * source articles: the launch of the three platforms on 2 July 2025, the monitoring system going
 * live on 20 May 2025, the provinces' action plans, Hue's commune centres (526 received, 126
 * resolved), the key documents (Resolution 57-NQ/TW, Resolution 193/2025/QH15, Plan
 * 02-KH/BCĐTW and the two laws of June 2025) and the leaders' activities around them. One draft
 * and one item in review give editors something to work on.
 */
@Component(service = DemoData.class, immediate = true, configurationPid = PortalConfig.PID)
public class DemoData {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String BY = "mekong-demo";

    /** kind, status, slug, category, tags, date, titleVi, titleEn, summaryVi, summaryEn, bodyVi, bodyEn, extra... */
    private record Item(String kind, String status, String slug, String category, String tags, LocalDate date,
            String titleVi, String titleEn, String summaryVi, String summaryEn, String bodyVi, String bodyEn,
            String docNumber, String docType, String issuer, String person, String orgBody, String place) {
    }

    private static Item article(String slug, String category, String tags, LocalDate date, String titleVi,
            String titleEn, String summaryVi, String summaryEn, String bodyVi, String bodyEn) {
        return new Item("ARTICLE", "PUBLISHED", slug, category, tags, date, titleVi, titleEn, summaryVi, summaryEn,
                bodyVi, bodyEn, null, null, null, null, null, null);
    }

    private static Item document(String slug, String number, String type, String issuer, LocalDate date,
            String titleVi, String titleEn, String summaryVi, String summaryEn) {
        return new Item("DOCUMENT", "PUBLISHED", slug, "POLICY", ",văn bản,nghị quyết 57,", date, titleVi, titleEn,
                summaryVi, summaryEn, "<p>" + summaryVi + "</p>", "<p>" + summaryEn + "</p>", number, type, issuer, null,
                null, null);
    }

    private static Item activity(String slug, LocalDate date, String person, String orgBody, String place,
            String titleVi, String titleEn, String summaryVi, String summaryEn) {
        return new Item("ACTIVITY", "PUBLISHED", slug, "NEWS", null, date, titleVi, titleEn, summaryVi, summaryEn,
                "<p>" + summaryVi + "</p>", "<p>" + summaryEn + "</p>", null, null, null, person, orgBody, place);
    }

    static final List<Item> ITEMS = List.of(
        article("ra-mat-ba-nen-tang-so-phuc-vu-nghi-quyet-57", "NEWS", ",nghị quyết 57,nền tảng số,chuyển đổi số,",
            LocalDate.of(2025, 7, 2),
            "Ra mắt ba nền tảng số phục vụ triển khai Nghị quyết 57-NQ/TW",
            "Three digital platforms launched to implement Resolution 57-NQ/TW",
            "Sáng 2/7/2025, tại hội nghị sơ kết 6 tháng đầu năm của Ban Chỉ đạo Trung ương về phát triển khoa học, "
                + "công nghệ, đổi mới sáng tạo và chuyển đổi số, các đồng chí lãnh đạo đã bấm nút ra mắt ba nền tảng số.",
            "On the morning of 2 July 2025, at the Central Steering Committee's six-month review conference, the leaders "
                + "pressed the button to launch three digital platforms.",
            "<p>Sáng 2/7/2025, Tổng Bí thư Tô Lâm, Thủ tướng Chính phủ Phạm Minh Chính, Thường trực Ban Bí thư Trần Cẩm Tú "
                + "và các đồng chí lãnh đạo đã thực hiện nghi thức bấm nút ra mắt ba nền tảng số phục vụ triển khai "
                + "Nghị quyết số 57-NQ/TW.</p><p>Ba nền tảng gồm:</p><ul><li><strong>Cổng thông tin điện tử</strong> — "
                + "kênh thông tin chính thống, cung cấp bức tranh toàn cảnh về hoạt động của lãnh đạo và các cơ quan "
                + "Trung ương;</li><li><strong>Hệ thống thông tin theo dõi, đánh giá</strong> việc thực hiện Nghị quyết "
                + "57-NQ/TW thông qua Bộ chỉ số KPI;</li><li><strong>Hệ thống tiếp nhận, xử lý phản ánh, kiến nghị</strong>, "
                + "sáng kiến, giải pháp phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.</li></ul>"
                + "<p>Đây không chỉ là kênh thông tin mà còn là nền tảng đa chiều, kết nối cán bộ, đảng viên và "
                + "nhân dân.</p>",
            "<p>On 2 July 2025, General Secretary To Lam, Prime Minister Pham Minh Chinh, Standing Member of the "
                + "Secretariat Tran Cam Tu and other leaders pressed the button to launch three digital platforms serving "
                + "the implementation of Resolution 57-NQ/TW.</p><p>The three platforms are:</p><ul><li><strong>the "
                + "electronic information portal</strong> — the official channel, giving a panoramic view of the "
                + "activities of the leaders and central bodies;</li><li><strong>the monitoring and evaluation "
                + "system</strong> for the resolution's implementation through the KPI index set;</li><li><strong>the "
                + "feedback system</strong> receiving and processing feedback, recommendations, initiatives and "
                + "solutions for science, technology, innovation and digital transformation.</li></ul>"),
        article("he-thong-theo-doi-danh-gia-nghi-quyet-57-chinh-thuc-van-hanh", "DIGITAL",
            ",nghị quyết 57,bộ chỉ số kpi,theo dõi đánh giá,", LocalDate.of(2025, 5, 20),
            "Hệ thống theo dõi, đánh giá việc thực hiện Nghị quyết 57 chính thức vận hành",
            "The system monitoring and evaluating Resolution 57 goes live",
            "Gần 5 tháng sau khi Bộ Chính trị ban hành Nghị quyết 57-NQ/TW, ngày 20/5/2025 hệ thống theo dõi, đánh giá "
                + "chính thức vận hành thông qua Bộ chỉ số KPI (chiến lược, vận hành).",
            "Nearly five months after the Politburo issued Resolution 57-NQ/TW, the monitoring and evaluation system went "
                + "live on 20 May 2025 through the KPI index set (strategic and operational).",
            "<p>Hệ thống được thiết kế trên cơ sở bộ chỉ số nhiều tầng, gồm nhóm chỉ số chiến lược và nhóm chỉ số vận "
                + "hành, tạo khung thống nhất để đánh giá toàn diện, khách quan.</p><p>Mỗi bộ, ngành, địa phương có tài "
                + "khoản để định kỳ cập nhật số liệu, báo cáo tiến độ, khó khăn, vướng mắc và đề xuất giải pháp. Dữ "
                + "liệu phải <em>đúng, đủ, sạch, sống</em>.</p>",
            "<p>The system is built on a multi-layer indicator set — strategic and operational indicators — forming one "
                + "framework for a comprehensive and objective evaluation.</p><p>Every ministry, sector and locality "
                + "has an account to update data regularly, report progress, difficulties and obstacles and propose "
                + "solutions. Data must be <em>correct, sufficient, clean and live</em>.</p>"),
        article("hue-40-trung-tam-phuc-vu-hanh-chinh-cong-tiep-nhan-526-phan-anh", "LOCAL",
            ",huế,phản ánh kiến nghị,trung tâm phục vụ hành chính công,", LocalDate.of(2025, 7, 1),
            "Huế: 40 trung tâm phục vụ hành chính công cấp xã tiếp nhận 526 phản ánh, kiến nghị",
            "Hue: 40 commune public-service centres received 526 messages",
            "Tính đến ngày 1/7/2025, 40 trung tâm phục vụ hành chính công cấp xã của thành phố Huế đã tiếp nhận 526 "
                + "phản ánh, kiến nghị và giải quyết 126.",
            "By 1 July 2025 Hue's 40 commune public-service centres had received 526 messages and resolved 126.",
            "<p>Xã Quảng Điền tiếp nhận nhiều nhất với 83 phản ánh. Hai xã Hương An và Phong Thái có tỷ lệ giải quyết "
                + "cao nhất, mỗi xã giải quyết 11/12 phản ánh.</p><p>Số liệu theo từng đơn vị được công khai trên "
                + "trang thống kê của hệ thống phản ánh, kiến nghị.</p>",
            "<p>Quang Dien commune received the most, 83 messages. Huong An and Phong Thai resolved the highest share, "
                + "11 of 12 each.</p><p>The figures of every unit are public on the feedback system's statistics "
                + "page.</p>"),
        article("cac-dia-phuong-ban-hanh-ke-hoach-hanh-dong-thuc-hien-nghi-quyet-57", "LOCAL",
            ",kế hoạch hành động,địa phương,nghị quyết 57,", LocalDate.of(2025, 6, 28),
            "Các địa phương ban hành kế hoạch hành động thực hiện Nghị quyết 57",
            "Provinces adopt their action plans for Resolution 57",
            "34 tỉnh, thành phố đã thành lập Ban Chỉ đạo và ban hành kế hoạch hành động, gắn với Kế hoạch 02-KH/BCĐTW "
                + "của Trung ương.",
            "The 34 provinces and cities have set up steering committees and adopted action plans tied to the central "
                + "Plan 02-KH/BCĐTW.",
            "<p>Thành phố Huế ban hành Kế hoạch 98/KH-BCĐ; tỉnh Sơn La ban hành quy chế hoạt động, phân công nhiệm vụ "
                + "cho các thành viên Ban Chỉ đạo và thành lập tổ giúp việc.</p><p>Từ ngày 1/7/2025 chính quyền địa "
                + "phương hai cấp vận hành với 34 tỉnh, thành phố và khoảng 3.321 xã, phường, đặc khu.</p>",
            "<p>Hue adopted Plan 98/KH-BCĐ; Son La issued the working rules of its steering committee, assigned tasks to "
                + "its members and set up a working group.</p><p>Since 1 July 2025 local government has two levels: 34 "
                + "provinces and cities and about 3,321 communes, wards and special zones.</p>"),
        article("doanh-nghiep-cong-nghe-dong-hanh-cung-ban-chi-dao", "DIGITAL", ",doanh nghiệp,chuyển đổi số,",
            LocalDate.of(2025, 7, 3),
            "Doanh nghiệp công nghệ lớn đồng hành cùng Ban Chỉ đạo Trung ương",
            "Large technology companies work with the Central Steering Committee",
            "Viettel, VNPT, FPT, CMC không chỉ là nhà thầu triển khai mà còn trực tiếp làm việc với Ban Chỉ đạo, các bộ, "
                + "ngành để xây dựng giải pháp, đề xuất chính sách.",
            "Viettel, VNPT, FPT and CMC are not only contractors but work directly with the Steering Committee and the "
                + "ministries on solutions and policy proposals.",
            "<p>Điểm nhấn của 6 tháng qua là sự tham gia tích cực, chủ động của các doanh nghiệp công nghệ lớn trong "
                + "nước.</p><blockquote>Chuyển đổi số liên thông, đồng bộ, nhanh và hiệu quả.</blockquote>",
            "<p>A highlight of the past six months is the active participation of the large domestic technology "
                + "companies.</p><blockquote>Interconnected, synchronous, fast and effective digital "
                + "transformation.</blockquote>"),
        article("quoc-hoi-thong-qua-hai-luat-quan-trong", "SCIENCE", ",luật,khoa học công nghệ,đổi mới sáng tạo,",
            LocalDate.of(2025, 6, 30),
            "Quốc hội thông qua hai luật có ý nghĩa đặc biệt quan trọng",
            "The National Assembly passes two laws of special importance",
            "Trong 6 tháng đầu năm 2025, Quốc hội thông qua Luật Khoa học, công nghệ và đổi mới sáng tạo và Luật Công "
                + "nghiệp công nghệ số.",
            "In the first half of 2025 the National Assembly passed the Law on Science, Technology and Innovation and "
                + "the Law on the Digital Technology Industry.",
            "<p>Thể chế, chính sách triển khai Nghị quyết đã cơ bản được hoàn thiện. Hệ thống theo dõi, đánh giá giúp "
                + "giám sát tiến độ, kết quả thực hiện nhiệm vụ trực tuyến, minh bạch và kịp thời.</p>",
            "<p>The institutions and policies to implement the resolution are largely in place. The monitoring system "
                + "follows the progress and results of the tasks online, transparently and promptly.</p>"),
        document("nghi-quyet-57-nq-tw", "57-NQ/TW", "RESOLUTION", "Bộ Chính trị", LocalDate.of(2024, 12, 22),
            "Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
            "Resolution 57-NQ/TW on breakthroughs in science, technology, innovation and national digital transformation",
            "Xác định phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là động lực chính để phát triển "
                + "nhanh và bền vững đất nước.",
            "Makes science, technology, innovation and digital transformation the main driving force of the country's "
                + "rapid and sustainable development."),
        document("nghi-quyet-193-2025-qh15", "193/2025/QH15", "RESOLUTION", "Quốc hội", LocalDate.of(2025, 2, 19),
            "Nghị quyết số 193/2025/QH15 về thí điểm một số cơ chế, chính sách đặc biệt tạo đột phá phát triển khoa "
                + "học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
            "Resolution 193/2025/QH15 on piloting special mechanisms and policies for breakthroughs in science, "
                + "technology, innovation and national digital transformation",
            "Cho phép thí điểm các cơ chế, chính sách mới trong phạm vi giới hạn, đánh giá rồi nhân rộng hoặc dừng.",
            "Allows new mechanisms and policies to be tried in a limited scope, evaluated, then widened or stopped."),
        document("ke-hoach-02-kh-bcdtw", "02-KH/BCĐTW", "PLAN", "Ban Chỉ đạo Trung ương", LocalDate.of(2025, 6, 19),
            "Kế hoạch số 02-KH/BCĐTW thúc đẩy chuyển đổi số liên thông, đồng bộ, nhanh và hiệu quả đáp ứng yêu cầu sắp "
                + "xếp tổ chức bộ máy của hệ thống chính trị",
            "Plan 02-KH/BCĐTW on interconnected, synchronous, fast and effective digital transformation for the "
                + "restructured political system",
            "Không chỉ là kế hoạch hành động cụ thể mà còn là cách làm mới, hiện đại; các địa phương gắn kế hoạch "
                + "của mình với kế hoạch này.",
            "Not only a concrete action plan but a new, modern way of working; the provinces tie their own plans to it."),
        document("luat-cong-nghiep-cong-nghe-so", "71/2025/QH15", "LAW", "Quốc hội", LocalDate.of(2025, 6, 14),
            "Luật Công nghiệp công nghệ số", "Law on the Digital Technology Industry",
            "Luật điều chỉnh hoạt động công nghiệp công nghệ số, sản phẩm và dịch vụ công nghệ số.",
            "Governs the digital technology industry and its products and services."),
        document("luat-khoa-hoc-cong-nghe-va-doi-moi-sang-tao", "93/2025/QH15", "LAW", "Quốc hội",
            LocalDate.of(2025, 6, 27), "Luật Khoa học, công nghệ và đổi mới sáng tạo",
            "Law on Science, Technology and Innovation",
            "Luật quy định hoạt động khoa học, công nghệ và đổi mới sáng tạo.",
            "Governs science, technology and innovation activities."),
        activity("phien-hop-thu-hai-ban-chi-dao-trung-uong", LocalDate.of(2025, 3, 4), "Tổng Bí thư Tô Lâm",
            "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
            "Trụ sở Trung ương Đảng, Hà Nội",
            "Phiên họp thứ hai của Ban Chỉ đạo Trung ương", "Second session of the Central Steering Committee",
            "Tổng Bí thư Tô Lâm, Trưởng Ban Chỉ đạo, chủ trì phiên họp; yêu cầu hoàn thiện thể chế, cơ chế, chính sách "
                + "và bảo đảm nguồn lực thực hiện Nghị quyết 57 khẩn trương, đồng bộ, hiệu quả.",
            "General Secretary To Lam, head of the Steering Committee, chaired the session and asked for the institutions, "
                + "mechanisms, policies and resources for Resolution 57 to be completed urgently and in step."),
        activity("van-hanh-he-thong-theo-doi-danh-gia", LocalDate.of(2025, 5, 20), null, "Văn phòng Trung ương Đảng",
            "Hà Nội", "Văn phòng Trung ương Đảng đưa Hệ thống theo dõi, đánh giá vào vận hành",
            "The Central Party Office puts the monitoring and evaluation system into operation",
            "Cơ quan thường trực của Ban Chỉ đạo chủ trì, phối hợp nghiên cứu, thiết kế và đưa hệ thống vào vận hành.",
            "The standing body of the Steering Committee led the research, design and launch of the system."),
        activity("hoi-nghi-so-ket-6-thang-ban-chi-dao-trung-uong", LocalDate.of(2025, 7, 2),
            "Tổng Bí thư Tô Lâm; Thủ tướng Phạm Minh Chính; Thường trực Ban Bí thư Trần Cẩm Tú",
            "Ban Chỉ đạo Trung ương", "Hà Nội, trực tuyến đến các tỉnh, thành phố",
            "Hội nghị sơ kết 6 tháng đầu năm 2025 và ra mắt ba nền tảng số",
            "Six-month review conference and launch of the three digital platforms",
            "Hội nghị sơ kết công tác 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2025 và nghi thức bấm nút "
                + "ra mắt ba nền tảng số.",
            "The conference reviewed the first half of 2025, set the tasks for the second half and launched the three "
                + "digital platforms."),
        activity("diem-cau-thanh-uy-hue", LocalDate.of(2025, 7, 2), "Bí thư Thành ủy Huế Lê Trường Lưu",
            "Thành ủy Huế", "Điểm cầu Thành ủy Huế",
            "Thành phố Huế dự hội nghị trực tuyến của Ban Chỉ đạo Trung ương",
            "Hue joins the Central Steering Committee's online conference",
            "Tại điểm cầu Thành ủy Huế có Bí thư Thành ủy Lê Trường Lưu và Chủ tịch UBND thành phố Nguyễn Văn Phương.",
            "Hue City Party Secretary Le Truong Luu and City Chairman Nguyen Van Phuong attended at the Hue bridge point."),
        new Item("ARTICLE", "IN_REVIEW", "so-tay-huong-dan-nhap-so-lieu-kpi", "DIGITAL", ",hướng dẫn,bộ chỉ số kpi,",
            LocalDate.of(2025, 7, 10), "Sổ tay hướng dẫn nhập số liệu Bộ chỉ số KPI cho cấp xã",
            "Handbook: entering KPI data for communes",
            "Hướng dẫn từng bước cho cán bộ cấp xã cập nhật số liệu, minh chứng và gửi xác minh.",
            "A step-by-step guide for commune officers to update data and evidence and send it for verification.",
            "<p>Bước 1: đăng nhập bằng tài khoản được cấp. Bước 2: chọn kỳ báo cáo…</p>", null, null, null, null, null,
            null, null),
        new Item("ARTICLE", "DRAFT", "tong-ket-thi-diem-co-che-dac-thu", "SCIENCE", ",thí điểm,nghị quyết 193,",
            LocalDate.of(2025, 7, 15), "Bản nháp: tổng kết bước đầu thí điểm cơ chế đặc thù", null,
            "Bản nháp đang soạn.", null, "<p>Nội dung đang được biên tập.</p>", null, null, null, null, null, null,
            null));

    @Activate
    public DemoData(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference PortalService portal, PortalConfig config) {
        if (!config.demo_data()) {
            return;
        }
        long start = System.nanoTime();
        boolean loaded = Jdbc.write(ds, c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM PT_ITEM") > 0) {
                return false;
            }
            for (Item i : ITEMS) {
                Instant at = i.date().atTime(LocalTime.of(9, 0)).atZone(VN).toInstant();
                boolean doc = "DOCUMENT".equals(i.kind());
                boolean act = "ACTIVITY".equals(i.kind());
                long id = Jdbc.insert(c, "INSERT INTO PT_ITEM (KIND, SLUG, STATUS, CATEGORY, TAGS, TITLE_VI, TITLE_EN, "
                        + "SUMMARY_VI, SUMMARY_EN, BODY_VI, BODY_EN, DOC_NUMBER, DOC_TYPE, ISSUER, ISSUED_ON, EVENT_DATE, "
                        + "PERSON, ORG_BODY, PLACE, PUBLISHED_AT, CREATED_BY, CREATED_AT, UPDATED_BY, UPDATED_AT, VERSION) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                        i.kind(), i.slug(), i.status(), i.category(), i.tags(), i.titleVi(), i.titleEn(), i.summaryVi(),
                        i.summaryEn(), Sanitiser.clean(i.bodyVi()), Sanitiser.clean(i.bodyEn()), i.docNumber(),
                        i.docType(), i.issuer(), doc ? i.date() : Jdbc.Null.DATE, act ? i.date() : Jdbc.Null.DATE,
                        i.person(), i.orgBody(), i.place(),
                        "PUBLISHED".equals(i.status()) ? at : Jdbc.Null.TIMESTAMP, BY, at, BY, at);
                Jdbc.insert(c, "INSERT INTO PT_REVISION (ITEM_ID, REV, STATUS, CHANGE_TYPE, AUTHOR, REVISED_AT, NOTE, "
                        + "SNAPSHOT) VALUES (?, 1, ?, 'CREATE', ?, ?, ?, ?)", id, i.status(), BY, at, "Demo content",
                        "{\"titleVi\":" + quote(i.titleVi()) + "}");
            }
            return true;
        });
        if (loaded) {
            portal.reindex();
            LOG.info("Loaded portal demo content ({} items) in {} ms", ITEMS.size(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> b.append(ch);
            }
        }
        return b.append('"').toString();
    }
}

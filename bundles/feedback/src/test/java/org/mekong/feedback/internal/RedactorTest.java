package org.mekong.feedback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class RedactorTest {
    private static final Redactor.Sender HUNG = new Redactor.Sender("Phạm Đức Hùng", "pdh@example.vn", "0912 345 678",
            "Hộ kinh doanh Hùng Phát", "Thôn 3, xã Phong Điền", true);

    private static String redact(String text) {
        return Redactor.redact(text, HUNG);
    }

    @Test
    public void theSendersNameIsMaskedInEverySpelling() {
        assertEquals("Tôi là [name].", redact("Tôi là Phạm Đức Hùng."));
        assertEquals("anh [name] hỏi", redact("anh pham duc hung hỏi"));
        assertEquals("[name] ([name])", redact("PHẠM ĐỨC HÙNG (Pham  Duc Hung)"));
        assertEquals("decomposed accents too", "[name]", redact("Pha\u0323m \u0110u\u031b\u0301c Hu\u0300ng"));
        assertEquals("a name inside a word is left", "Phamducxhung", redact("Phamducxhung"));
        assertEquals("[name] bán hàng", redact("Hộ kinh doanh Hùng Phát bán hàng"));
    }

    @Test
    public void phoneNumbersInTheirCommonSpellingsAreMasked() {
        for (String phone : new String[] { "84912345678", "+84 912 345 678", "0912.345.678", "0912 345 678", "0912345678",
            "+84-912-345-678", "0234 3822 123", "0987 654 321" }) {
            assertEquals(phone, "gọi [phone] nhé", redact("gọi " + phone + " nhé"));
        }
        assertEquals("the sender's own number written without the country code", "[phone]", redact("912345678"));
    }

    @Test
    public void idNumbersAreMasked() {
        assertEquals("CCCD [ID number], CMND [ID number].", redact("CCCD 079203001234, CMND 123456789."));
        assertEquals("CCCD [ID number]", redact("CCCD 079 203 001 234"));
    }

    @Test
    public void eMailsAreMasked() {
        assertEquals("thư [e-mail] hoặc [e-mail]", redact("thư hung.pham@mail.vn hoặc PDH@example.vn"));
    }

    @Test
    public void streetAddressesAreMasked() {
        assertEquals("ở [address], gọi", redact("ở số nhà 45 đường Trần Phú, gọi"));
        assertEquals("ở [address]: hỏng", redact("ở 12/3 đường Lê Lợi: hỏng"));
        assertEquals("[address] bị ngập", redact("kiệt 5 bị ngập"));
        assertEquals("nhà ở [address] có", redact("nhà ở Thôn 3, xã Phong Điền có"));
    }

    @Test
    public void ordinaryNumbersAndWordsStay() {
        String text = "Năm 2025 xã chi 1.500.000 đồng và 150.000.000 đồng cho 5 người, số 5 người; ngày 16/07/2025, "
                + "thành phố Huế, phường 5, hotline 1900 1234.";
        assertEquals(text, Redactor.redact(text, new Redactor.Sender(null, null, null, null, null, true)));
    }

    @Test
    public void anOrganisationSenderKeepsItsOrganisationButNotItsContactPerson() {
        Redactor.Sender org = new Redactor.Sender("Nguyen Van An", null, null, "Hợp tác xã Quảng Thành", null, false);
        String out = Redactor.redact("Hợp tác xã Quảng Thành, người liên hệ Nguyễn Văn An.", org);
        assertTrue(out, out.contains("Hợp tác xã Quảng Thành"));
        assertFalse(out, out.contains("An."));
    }

    @Test
    public void markupIsKeptAsTypedForThePagesToShowAsText() {
        String text = "Khi nộp hồ sơ trực tuyến, hệ thống báo lỗi tải tệp. <script>window.__pwned=1</script>";
        assertEquals(text, Redactor.redact(text, new Redactor.Sender(null, null, null, null, null, true)));
    }

    @Test
    public void nothingToMaskIsNoChange() {
        assertEquals(null, Redactor.redact(null, HUNG));
        assertEquals("", Redactor.redact("", HUNG));
        assertEquals("[name] [phone]", Redactor.redact("[name] [phone]", HUNG));
    }
}

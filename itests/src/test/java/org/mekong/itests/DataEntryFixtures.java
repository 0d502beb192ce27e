package org.mekong.itests;

import static org.junit.Assert.assertEquals;
import static org.mekong.itests.MekongTestSupport.admin;
import static org.mekong.itests.MekongTestSupport.send;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mekong.itests.MekongTestSupport.Reply;

/** What DataEntryIT sends and reads: forms, values, indicators, months as period ids, error fields. */
final class DataEntryFixtures {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private DataEntryFixtures() {
    }

    static void indicator(String code, String vi, String en, String unit, String periodicity) throws Exception {
        ok(send("POST", "/api/indicators", admin(), Map.of("code", code, "nameVi", vi, "nameEn", en, "layer",
                "OPERATIONAL", "unit", unit, "periodicity", periodicity, "direction", "HIGHER_IS_BETTER",
                "greenThreshold", 50, "redThreshold", 20, "source", "MANUAL")), 201);
    }

    static Reply ok(Reply r, int status) {
        assertEquals(r.toString(), status, r.status());
        return r;
    }

    static Map<String, Object> form(String code, String periodicity, int dueDays, List<String> indicators,
            List<String> levels, List<String> units, long version) {
        Map<String, Object> f = new java.util.HashMap<>();
        f.put("code", code);
        f.put("nameVi", "Biểu mẫu " + code);
        f.put("nameEn", "Form " + code);
        f.put("periodicity", periodicity);
        f.put("dueDays", dueDays);
        f.put("indicators", indicators);
        f.put("levels", levels);
        f.put("orgUnits", units);
        f.put("version", version);
        return f;
    }

    static List<String> fields(Reply r) {
        List<String> out = new ArrayList<>();
        r.json().path("details").forEach(d -> out.add(d.path("field").asText()));
        return out;
    }

    static List<String> codes(Reply r) {
        List<String> out = new ArrayList<>();
        r.json().forEach(f -> out.add(f.path("code").asText()));
        return out;
    }

    static Map<String, Object> value(String indicator, String unit, YearMonth m, double v, String comment) {
        Map<String, Object> out = new java.util.HashMap<>();
        out.put("indicator", indicator);
        out.put("orgUnit", unit);
        out.put("period", id(m));
        out.put("value", v);
        out.put("comment", comment);
        return out;
    }

    static String id(YearMonth m) {
        return m.format(MONTH);
    }

}

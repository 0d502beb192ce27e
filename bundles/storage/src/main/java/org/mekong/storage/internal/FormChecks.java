package org.mekong.storage.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.form.ReportingForm;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnitService;

/** Validation of a reporting form definition: every problem named by its field, in Vietnamese and English. */
final class FormChecks {
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{0,63}$");
    static final int MAX_DUE_DAYS = 366;
    static final int MAX_MEMBERS = 500;

    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;

    FormChecks(IndicatorRegistry indicators, OrgUnitService orgUnits) {
        this.indicators = indicators;
        this.orgUnits = orgUnits;
    }

    /** Throws a 400 naming every offending field of the definition. */
    void check(ReportingForm f) {
        if (f == null) {
            throw InvalidInputException.field("body", "cần nội dung biểu mẫu / a form definition is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        if (f.code() == null || !CODE.matcher(f.code()).matches()) {
            problems.add(new ErrorDetail("code", "chữ in hoa, số và dấu gạch ngang, tối đa 64 ký tự / upper-case letters, "
                    + "digits and hyphens, at most 64 characters"));
        }
        name(problems, "nameVi", f.nameVi());
        name(problems, "nameEn", f.nameEn());
        if (f.periodicity() == null) {
            problems.add(new ErrorDetail("periodicity", "bắt buộc / is required (MONTHLY, QUARTERLY, SEMI_ANNUAL, YEARLY)"));
        }
        if (f.dueDays() < 0 || f.dueDays() > MAX_DUE_DAYS) {
            problems.add(new ErrorDetail("dueDays", "từ 0 đến " + MAX_DUE_DAYS + " ngày sau khi kết thúc kỳ / between 0 and "
                    + MAX_DUE_DAYS + " days after the period ends, got " + f.dueDays()));
        }
        checkIndicators(f, problems);
        if (f.levels().isEmpty() && f.orgUnits().isEmpty()) {
            problems.add(new ErrorDetail("levels", "cần ít nhất một cấp hoặc một đơn vị báo cáo / name at least one level "
                    + "or one org unit that reports the form"));
        }
        if (f.levels().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(new ErrorDetail("levels", "có cấp không hợp lệ / contains an empty level"));
        }
        if (f.orgUnits().size() > MAX_MEMBERS) {
            problems.add(new ErrorDetail("orgUnits", "tối đa " + MAX_MEMBERS + " / at most " + MAX_MEMBERS));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < f.orgUnits().size(); i++) {
            String u = f.orgUnits().get(i);
            if (u == null || orgUnits.find(u).isEmpty()) {
                problems.add(new ErrorDetail("orgUnits[" + i + "]", "không có đơn vị '" + u + "' / unknown org unit '" + u + "'"));
            } else if (!seen.add(u)) {
                problems.add(new ErrorDetail("orgUnits[" + i + "]", "đơn vị '" + u + "' bị lặp / org unit '" + u + "' is listed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
    }

    private void checkIndicators(ReportingForm f, List<ErrorDetail> problems) {
        if (f.indicators().isEmpty()) {
            problems.add(new ErrorDetail("indicators", "cần ít nhất một chỉ số / a form needs at least one indicator"));
            return;
        }
        if (f.indicators().size() > MAX_MEMBERS) {
            problems.add(new ErrorDetail("indicators", "tối đa " + MAX_MEMBERS + " / at most " + MAX_MEMBERS));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < f.indicators().size(); i++) {
            String field = "indicators[" + i + "]";
            String code = f.indicators().get(i);
            Indicator ind = code == null ? null : indicators.find(code).orElse(null);
            if (ind == null) {
                problems.add(new ErrorDetail(field, "không có chỉ số '" + code + "' / unknown indicator '" + code + "'"));
            } else if (ind.retired()) {
                problems.add(new ErrorDetail(field, "chỉ số '" + code + "' đã ngừng dùng / indicator '" + code + "' is retired"));
            } else if (!ind.isManual()) {
                problems.add(new ErrorDetail(field, "chỉ số '" + code + "' được tính tự động, không nhập được / indicator '"
                        + code + "' is computed and cannot be entered"));
            } else if (f.periodicity() != null && ind.periodicity() != f.periodicity()) {
                problems.add(new ErrorDetail(field, "chỉ số '" + code + "' báo cáo " + ind.periodicity() + ", biểu mẫu "
                        + f.periodicity() + " / indicator '" + code + "' is reported " + ind.periodicity()
                        + ", the form " + f.periodicity()));
            } else if (!seen.add(code)) {
                problems.add(new ErrorDetail(field, "chỉ số '" + code + "' bị lặp / indicator '" + code + "' is listed twice"));
            }
        }
    }

    private static void name(List<ErrorDetail> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new ErrorDetail(field, "bắt buộc / is required"));
        } else if (value.length() > 255) {
            problems.add(new ErrorDetail(field, "tối đa 255 ký tự / at most 255 characters"));
        }
    }
}

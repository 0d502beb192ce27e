package org.mekong.feedback.internal;

import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.jdbc.Jdbc;
import org.mekong.core.spi.WarningContext;
import org.mekong.core.spi.WarningFinding;
import org.mekong.core.spi.WarningRule;
import org.mekong.core.spi.WarningSeverity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Open feedback past its processing deadline, one warning per item at its responsible unit.
 * The rule is a plain {@link WarningRule} service from the core SPI: the monitoring plugin's
 * engine runs it when that plugin is installed; without it nothing happens.
 */
@Component(service = WarningRule.class)
public class FeedbackOverdueRule implements WarningRule {
    private final DataSource ds;

    @Activate
    public FeedbackOverdueRule(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference FeedbackSchema schema) {
        this.ds = ds;
    }

    @Override
    public String id() {
        return "feedback-overdue";
    }

    @Override
    public String nameVi() {
        return "Phản ánh, kiến nghị quá hạn xử lý";
    }

    @Override
    public String nameEn() {
        return "Feedback past its processing deadline";
    }

    @Override
    public List<WarningFinding> check(WarningContext context) {
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT PUBLIC_ID, COALESCE(UNIT, PLACE), DEADLINE, TITLE FROM FB_ITEM WHERE "
                + "STATUS IN ('RECEIVED', 'CLASSIFIED', 'ASSIGNED', 'IN_PROGRESS') AND DEADLINE < ?", rs -> {
                    long days = java.time.temporal.ChronoUnit.DAYS.between(rs.getDate(3).toLocalDate(), context.today());
                    String title = rs.getString(4);
                    return new WarningFinding(rs.getString(2), "FEEDBACK", rs.getString(1),
                            days > 15 ? WarningSeverity.CRITICAL : WarningSeverity.WARNING,
                            "Phản ánh " + rs.getString(1) + " quá hạn " + days + " ngày: "
                                    + (title.length() > 80 ? title.substring(0, 80) + "…" : title));
                }, context.today()));
    }
}

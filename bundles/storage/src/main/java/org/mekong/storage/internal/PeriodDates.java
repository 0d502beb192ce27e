package org.mekong.storage.internal;

import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.api.Period;
import org.mekong.core.jdbc.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fills PERIOD_START and PERIOD_END of values stored before those columns existed (once, at start). */
final class PeriodDates {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodDates.class);

    private PeriodDates() {
    }

    static void backfill(DataSource ds) {
        int rows = Jdbc.write(ds, c -> {
            List<String> periods = Jdbc.list(c, "SELECT DISTINCT PERIOD FROM DATA_VALUE WHERE PERIOD_START IS NULL",
                    rs -> rs.getString(1));
            int n = 0;
            for (String id : periods) {
                Period p = Period.parse(id);
                n += Jdbc.update(c, "UPDATE DATA_VALUE SET PERIOD_START = ?, PERIOD_END = ? WHERE PERIOD = ? "
                        + "AND PERIOD_START IS NULL", p.start(), p.end(), id);
            }
            return n;
        });
        if (rows > 0) {
            LOG.info("Filled the period start and end dates of {} stored data values", rows);
        }
    }
}

package org.mekong.monitoring.internal;

import java.util.Set;

import javax.sql.DataSource;

import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Which owners have evidence files, for the missing-evidence rule. */
@Component(service = EvidenceAccess.class)
public class EvidenceAccess {
    private final DataSource ds;

    @Activate
    public EvidenceAccess(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference MonitoringSchema schema) {
        this.ds = ds;
    }

    public Set<String> ownersWithEvidence(String ownerType) {
        return new java.util.HashSet<>(Jdbc.read(ds, c -> Jdbc.list(c, "SELECT DISTINCT OWNER_KEY FROM MON_EVIDENCE "
                + "WHERE OWNER_TYPE = ?", rs -> rs.getString(1), ownerType)));
    }

    /** Codes of tasks with at least one file on any of their reports. */
    public Set<String> tasksWithEvidence() {
        return new java.util.HashSet<>(Jdbc.read(ds, c -> Jdbc.list(c, "SELECT DISTINCT r.TASK_CODE FROM MON_TASK_REPORT r "
                + "JOIN MON_EVIDENCE e ON e.OWNER_TYPE = 'TASK_REPORT' AND e.OWNER_KEY = RTRIM(CAST(r.ID AS CHAR(20)))",
                rs -> rs.getString(1))));
    }
}

#set( $P = $province.toUpperCase() )
package ${package}.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * ${provinceName}'s initiatives in table PV_${P}_INITIATIVE of the platform's database, through the
 * core's JDBC helper (org.mekong.core.jdbc): writes in one transaction, retried on a deadlock.
 */
@Component(service = InitiativeStore.class)
public class InitiativeStore {
    static final String TABLE = "PV_${P}_INITIATIVE";
    private static final String COLUMNS = "ID, TITLE, STATUS, ORG_UNIT, CREATED_BY, CREATED_AT, UPDATED_AT";
    private final DataSource ds;

    /** The schema reference makes sure the table exists before the store is used. */
    @Activate
    public InitiativeStore(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference Schema schema) {
        this.ds = ds;
    }

    public List<Initiative> list() {
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY ID", InitiativeStore::read));
    }

    public Optional<Initiative> find(long id) {
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ID = ?", InitiativeStore::read, id));
    }

    public Initiative create(String title, Initiative.Status status, String orgUnit, String by) {
        Instant now = Instant.now();
        return Jdbc.write(ds, c -> {
            long id = Jdbc.insert(c, "INSERT INTO " + TABLE
                    + " (TITLE, STATUS, ORG_UNIT, CREATED_BY, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                    title, status, orgUnit, by, now, now);
            return Jdbc.one(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ID = ?", InitiativeStore::read, id).orElseThrow();
        });
    }

    public Optional<Initiative> setStatus(long id, Initiative.Status status) {
        return Jdbc.write(ds, c -> {
            int changed = Jdbc.update(c, "UPDATE " + TABLE + " SET STATUS = ?, UPDATED_AT = ? WHERE ID = ?", status, Instant.now(), id);
            return changed == 0 ? Optional.<Initiative>empty()
                    : Jdbc.one(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ID = ?", InitiativeStore::read, id);
        });
    }

    /** The share of initiatives that are DONE, in %, or null while there are none. */
    public Double doneShare() {
        long[] allAndDone = Jdbc.read(ds, c -> Jdbc.one(c,
                "SELECT COUNT(*), SUM(CASE WHEN STATUS = 'DONE' THEN 1 ELSE 0 END) FROM " + TABLE,
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}).orElseThrow());
        return allAndDone[0] == 0 ? null : Math.round(allAndDone[1] * 1000.0 / allAndDone[0]) / 10.0;
    }

    private static Initiative read(ResultSet rs) throws SQLException {
        return new Initiative(rs.getLong("ID"), rs.getString("TITLE"), Initiative.Status.valueOf(rs.getString("STATUS")),
                rs.getString("ORG_UNIT"), rs.getString("CREATED_BY"), Jdbc.getInstant(rs, "CREATED_AT"),
                Jdbc.getInstant(rs, "UPDATED_AT"));
    }
}

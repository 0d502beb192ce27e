#set( $P = $province.toUpperCase() )
package ${package}.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** ${provinceName}'s initiatives in table PV_${P}_INITIATIVE of the platform's database (plain JDBC). */
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
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY ID");
                ResultSet rs = ps.executeQuery()) {
            List<Initiative> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + TABLE, e);
        }
    }

    public Optional<Initiative> find(long id) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE ID = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + TABLE, e);
        }
    }

    public Initiative create(String title, Initiative.Status status, String orgUnit, String by) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                        + " (TITLE, STATUS, ORG_UNIT, CREATED_BY, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, title);
            ps.setString(2, status.name());
            ps.setString(3, orgUnit);
            ps.setString(4, by);
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return find(keys.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + TABLE, e);
        }
    }

    public Optional<Initiative> setStatus(long id, Initiative.Status status) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET STATUS = ?, UPDATED_AT = ? WHERE ID = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, id);
            return ps.executeUpdate() == 0 ? Optional.empty() : find(id);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + TABLE, e);
        }
    }

    /** The share of initiatives that are DONE, in %, or null while there are none. */
    public Double doneShare() {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN STATUS = 'DONE' THEN 1 ELSE 0 END) FROM " + TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long all = rs.getLong(1);
            return all == 0 ? null : Math.round(rs.getLong(2) * 1000.0 / all) / 10.0;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read " + TABLE, e);
        }
    }

    private static Initiative read(ResultSet rs) throws SQLException {
        return new Initiative(rs.getLong("ID"), rs.getString("TITLE"), Initiative.Status.valueOf(rs.getString("STATUS")),
                rs.getString("ORG_UNIT"), rs.getString("CREATED_BY"), rs.getTimestamp("CREATED_AT").toInstant(),
                rs.getTimestamp("UPDATED_AT").toInstant());
    }
}

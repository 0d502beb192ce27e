package org.mekong.core.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.mekong.core.api.ConflictException;
import org.mekong.core.api.MekongException;

/**
 * JDBC transactions and row helpers on the shared DataSource. {@link #write} runs the work in one
 * transaction, rolls back on any exception, and runs it again (up to three attempts in all) when
 * the database reports a deadlock, serialization failure or lock timeout (SQL states 40001,
 * 40XL1 and 40XL2), so concurrent writers of the same aggregate rows do not fail. Because of the
 * retry the work must do nothing outside its connection (no events, no caches, no second
 * transaction): anything it does besides SQL may happen twice. A unique-key violation becomes a
 * {@link ConflictException} (409); a {@link MekongException} thrown as the cause of an
 * {@link SQLException} is passed on as it is; any other SQL failure becomes an
 * {@link IllegalStateException} naming the SQL state.
 */
public final class Jdbc {
    private static final int ATTEMPTS = 3;

    private Jdbc() {
    }

    /** Work on a connection that may throw SQL exceptions. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Maps one result row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs the work in one transaction, with the retry described above, and answers its result. */
    public static <T> T write(DataSource ds, Work<T> work) {
        for (int attempt = 1;; attempt++) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.apply(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                if (isTransient(e) && attempt < ATTEMPTS) {
                    continue;
                }
                throw translate(e);
            }
        }
    }

    /** Runs read-only work on an auto-commit connection (no retry) and answers its result. */
    public static <T> T read(DataSource ds, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            return work.apply(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Every row of the query, mapped in order. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    /** The first row of the query, if any. */
    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> all = list(c, sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** The first column of the first row as a long (a COUNT or SUM), 0 without a row. */
    public static long count(Connection c, String sql, Object... params) throws SQLException {
        return one(c, sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    /** Runs an INSERT, UPDATE or DELETE and answers the number of rows it touched. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** Inserts one row and answers its generated key. */
    public static long insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Binds parameters: Instant as TIMESTAMP, null as VARCHAR null unless typed by {@link Null}. */
    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (p instanceof Null n) {
                ps.setNull(i + 1, n.sqlType());
            } else if (p instanceof Instant t) {
                ps.setTimestamp(i + 1, Timestamp.from(t));
            } else if (p instanceof java.time.LocalDate d) {
                ps.setDate(i + 1, java.sql.Date.valueOf(d));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (p instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** A typed SQL null. */
    public record Null(int sqlType) {
        public static final Null DOUBLE = new Null(Types.DOUBLE);
        public static final Null BIGINT = new Null(Types.BIGINT);
        public static final Null TIMESTAMP = new Null(Types.TIMESTAMP);
        public static final Null DATE = new Null(Types.DATE);
        public static final Null INTEGER = new Null(Types.INTEGER);
    }

    /** The column as a Double, null for SQL NULL. */
    public static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** The TIMESTAMP column as an Instant, null for SQL NULL. */
    public static Instant getInstant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A "?, ?, ?" list for an IN clause of n parameters. */
    public static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Whether the exception (or one chained to it) is a unique-key violation (SQL state 23505). */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure is worth another attempt: deadlock, serialization failure or lock timeout. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().equals("40001") || s.getSQLState().equals("40XL1")
                            || s.getSQLState().equals("40XL2"))) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException translate(SQLException e) {
        if (isUniqueViolation(e)) {
            return new ConflictException("The record was created concurrently; read it again and retry");
        }
        if (e.getCause() instanceof MekongException m) {
            return m;
        }
        return new IllegalStateException("Database error " + e.getSQLState() + ": " + e.getMessage(), e);
    }
}

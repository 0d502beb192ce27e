package org.mekong.core.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.Test;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.NotFoundException;

/** The transaction contract of {@link Jdbc#write}: commit, rollback, retry of transient failures, error translation. */
public class JdbcTest {
    /** What the helper did to the connections it was given, in order. */
    private final List<String> calls = new ArrayList<>();

    private final DataSource ds = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                    return connection();
                }
                throw new UnsupportedOperationException(method.getName());
            });

    private Connection connection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setAutoCommit" -> calls.add("autoCommit=" + args[0]);
                        case "commit", "rollback", "close" -> calls.add(method.getName());
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    @Test
    public void writeCommitsTheWorkOnce() {
        assertEquals("done", Jdbc.write(ds, c -> "done"));
        assertEquals(List.of("autoCommit=false", "commit", "close"), calls);
    }

    @Test
    public void writeRetriesDeadlocksAndLockTimeoutsOnAFreshConnection() {
        AtomicInteger attempts = new AtomicInteger();
        String result = Jdbc.write(ds, c -> {
            switch (attempts.incrementAndGet()) {
                case 1 -> throw new SQLException("deadlock", "40001");
                case 2 -> throw new SQLException("wrapped", "XJ001", new SQLException("lock timeout", "40XL1"));
                default -> {
                    return "third time";
                }
            }
        });
        assertEquals("third time", result);
        assertEquals(3, attempts.get());
        assertEquals(List.of("autoCommit=false", "rollback", "close", "autoCommit=false", "rollback", "close",
                "autoCommit=false", "commit", "close"), calls);
    }

    @Test
    public void writeGivesUpAfterThreeAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        try {
            Jdbc.write(ds, c -> {
                attempts.incrementAndGet();
                throw new SQLException("lock timeout with dump", "40XL2");
            });
            fail("a lasting lock timeout must fail");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("40XL2"));
        }
        assertEquals(3, attempts.get());
        assertEquals(0, calls.stream().filter("commit"::equals).count());
    }

    @Test
    public void uniqueViolationIsAConflictAndNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        try {
            Jdbc.write(ds, c -> {
                attempts.incrementAndGet();
                throw new SQLException("duplicate key", "23505");
            });
            fail("a duplicate key must fail");
        } catch (ConflictException e) {
            assertEquals(409, e.status());
        }
        assertEquals(1, attempts.get());
        assertEquals(List.of("autoCommit=false", "rollback", "close"), calls);
    }

    @Test
    public void domainExceptionsPassThroughAfterRollback() {
        NotFoundException missing = new NotFoundException("No item 7");
        try {
            Jdbc.write(ds, c -> {
                throw missing;
            });
            fail("the work's exception must reach the caller");
        } catch (NotFoundException e) {
            assertSame(missing, e);
        }
        try {
            Jdbc.write(ds, c -> {
                throw new SQLException("from a trigger", "38000", missing);
            });
            fail("the work's exception must reach the caller");
        } catch (NotFoundException e) {
            assertSame(missing, e);
        }
        assertEquals(List.of("autoCommit=false", "rollback", "close", "autoCommit=false", "rollback", "close"), calls);
    }

    @Test
    public void readIsAutoCommitAndNeverRetried() {
        AtomicInteger attempts = new AtomicInteger();
        try {
            Jdbc.read(ds, c -> {
                attempts.incrementAndGet();
                throw new SQLException("deadlock", "40001");
            });
            fail("a failed read must fail");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("40001"));
        }
        assertEquals(1, attempts.get());
        assertEquals(List.of("autoCommit=true", "close"), calls);
    }

    @Test
    public void marksListsOneParameterPerValue() {
        assertEquals("?, ?, ?", Jdbc.marks(3));
        assertEquals("?", Jdbc.marks(1));
    }
}

package org.mekong.storage.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.mekong.core.api.ConflictException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.WriteMode;
import org.mekong.core.jdbc.Jdbc;

/**
 * Idempotency keys of batch writes: the answer of a successful batch is kept for a day under the
 * caller and key, in the batch's own transaction, so a client that re-sends after a lost answer
 * gets the first answer again instead of a second write. A refused batch keeps nothing.
 */
final class BatchReplays {
    static final int MAX_KEY = 200;
    static final Duration KEPT = Duration.ofHours(24);

    private BatchReplays() {
    }

    /** The key as given, null when absent; 400 naming the header when it is not a short printable token. */
    static String key(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String k = key.strip();
        if (k.length() > MAX_KEY || !k.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            throw InvalidInputException.field("Idempotency-Key", "at most " + MAX_KEY
                    + " printable ASCII characters without spaces");
        }
        return k;
    }

    /** A fingerprint of what the batch asks for, to tell a re-sent request from another one under the same key. */
    static String fingerprint(WriteMode mode, List<DataValueInput> inputs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(mode.name().getBytes(StandardCharsets.UTF_8));
            for (DataValueInput in : inputs) {
                sha.update((byte) '\n');
                sha.update(String.valueOf(in).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** The answer kept for the key, or empty; 409 when the key was used for a different batch. */
    static Optional<BatchResult> earlier(Connection c, String actor, String key, String fingerprint, Instant now)
            throws SQLException {
        Optional<Object[]> row = Jdbc.one(c, "SELECT REQUEST_HASH, CREATED_COUNT, UPDATED_COUNT, UNCHANGED_COUNT "
                + "FROM DV_IDEMPOTENCY WHERE ACTOR = ? AND IDEM_KEY = ? AND CREATED_AT > ?", rs -> new Object[] {
                    rs.getString(1), new BatchResult(rs.getInt(2), rs.getInt(3), rs.getInt(4)) }, actor, key,
                now.minus(KEPT));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!fingerprint.equals(row.get()[0])) {
            throw new ConflictException("Idempotency-Key '" + key + "' was used for a different batch; use a new key "
                    + "for a new batch; nothing was stored");
        }
        return Optional.of((BatchResult) row.get()[1]);
    }

    /** Keeps the answer (and drops the caller's keys older than a day). */
    static void keep(Connection c, String actor, String key, String fingerprint, BatchResult result, Instant now)
            throws SQLException {
        Jdbc.update(c, "DELETE FROM DV_IDEMPOTENCY WHERE ACTOR = ? AND (CREATED_AT <= ? OR IDEM_KEY = ?)", actor,
                now.minus(KEPT), key);
        Jdbc.update(c, "INSERT INTO DV_IDEMPOTENCY (ACTOR, IDEM_KEY, REQUEST_HASH, CREATED_COUNT, UPDATED_COUNT, "
                + "UNCHANGED_COUNT, CREATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)", actor, key, fingerprint, result.created(),
                result.updated(), result.unchanged(), now);
    }
}

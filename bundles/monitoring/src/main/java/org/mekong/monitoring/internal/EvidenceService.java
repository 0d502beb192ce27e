package org.mekong.monitoring.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.FileType;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Evidence files attached to data values ({@code DATAVALUE}, key {@code IND/UNIT/PERIOD}) and to
 * task progress reports ({@code TASK_REPORT}, key = report id). Types are checked by extension
 * declared content type and first bytes ({@link FileType}); at most 10 MiB.
 */
@Component(service = EvidenceService.class)
public class EvidenceService {
    static final long MAX_BYTES = 10L * 1024 * 1024;
    static final Map<String, String> TYPES = FileType.TYPES;
    private static final String COLUMNS = "ID, OWNER_TYPE, OWNER_KEY, FILE_NAME, CONTENT_TYPE, FILE_SIZE, SHA256, "
            + "UPLOADED_BY, UPLOADED_AT";

    private final DataSource ds;
    private final OrgUnitService orgUnits;
    private final DataValueService values;
    private final TaskService tasks;
    private final AuditService audit;

    /** A downloaded file. */
    public record Content(Evidence evidence, byte[] bytes) {
    }

    @Activate
    public EvidenceService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference MonitoringSchema schema, @Reference OrgUnitService orgUnits, @Reference DataValueService values,
            @Reference TaskService tasks, @Reference AuditService audit) {
        this.ds = ds;
        this.orgUnits = orgUnits;
        this.values = values;
        this.tasks = tasks;
        this.audit = audit;
    }

    public Evidence upload(Caller caller, String ownerType, String ownerKey, String fileName, String contentType,
            byte[] bytes) {
        caller.require(Role.REPORTER, Role.LEADER, Role.CENTRAL_IT);
        String unit = ownerUnit(caller, ownerType, ownerKey);
        String expected = FileType.check("file", fileName, contentType, bytes, MAX_BYTES, TYPES.keySet());
        String sha = sha256(bytes);
        Instant now = Instant.now();
        long id = Jdbc.write(ds, c -> Jdbc.insert(c, "INSERT INTO MON_EVIDENCE (OWNER_TYPE, OWNER_KEY, ORGUNIT_CODE, "
                + "FILE_NAME, CONTENT_TYPE, FILE_SIZE, SHA256, CONTENT, UPLOADED_BY, UPLOADED_AT) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ownerType, ownerKey, unit, fileName, expected, (long) bytes.length,
                sha, bytes, caller.username(), now));
        Evidence e = new Evidence(id, ownerType, ownerKey, fileName, expected, bytes.length, sha, caller.username(), now);
        audit.record(caller.username(), "Evidence", ownerType + "/" + ownerKey, "UPLOAD", null, e);
        return e;
    }

    public List<Evidence> list(Caller caller, String ownerType, String ownerKey) {
        caller.require();
        ownerUnit(caller, ownerType, ownerKey);
        return list(ownerType, ownerKey);
    }

    List<Evidence> list(String ownerType, String ownerKey) {
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM MON_EVIDENCE WHERE OWNER_TYPE = ? AND "
                + "OWNER_KEY = ? ORDER BY ID", EvidenceService::evidence, ownerType, ownerKey));
    }

    /**
     * The files of many data values in one query, by value key ({@code IND/UNIT/PERIOD}); values
     * without files are left out. No scope check: callers pass keys of values the core API has
     * already answered to the caller (such as a page of the verification queue).
     */
    public Map<DataValueKey, List<Evidence>> forDataValues(Collection<DataValueKey> keys) {
        Map<DataValueKey, List<Evidence>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Map<String, DataValueKey> byOwner = new HashMap<>();
        keys.forEach(k -> byOwner.put(k.toString(), k));
        List<Evidence> files = Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM MON_EVIDENCE WHERE "
                + "OWNER_TYPE = 'DATAVALUE' AND OWNER_KEY IN (" + Jdbc.marks(byOwner.size()) + ") ORDER BY ID",
                EvidenceService::evidence, byOwner.keySet().toArray()));
        files.forEach(e -> out.computeIfAbsent(byOwner.get(e.ownerKey()), k -> new ArrayList<>()).add(e));
        return out;
    }

    public Content download(Caller caller, long id) {
        caller.require();
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + COLUMNS + ", ORGUNIT_CODE, CONTENT FROM MON_EVIDENCE WHERE ID = ?",
                rs -> {
                    if (!Scope.within(orgUnits, caller, rs.getString("ORGUNIT_CODE"))) {
                        throw new org.mekong.core.api.ForbiddenException("User '" + caller.username()
                                + "' may not read evidence of org unit '" + rs.getString("ORGUNIT_CODE") + "'");
                    }
                    return new Content(evidence(rs), rs.getBytes("CONTENT"));
                }, id)).orElseThrow(() -> new NotFoundException("Evidence file " + id + " does not exist"));
    }

    /** Demo loading: one small file. */
    void insertDemo(java.sql.Connection c, String ownerType, String ownerKey, String unit, String fileName, String text)
            throws java.sql.SQLException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Jdbc.update(c, "INSERT INTO MON_EVIDENCE (OWNER_TYPE, OWNER_KEY, ORGUNIT_CODE, FILE_NAME, CONTENT_TYPE, FILE_SIZE, "
                + "SHA256, CONTENT, UPLOADED_BY, UPLOADED_AT) VALUES (?, ?, ?, ?, 'text/plain', ?, ?, ?, 'demo', ?)",
                ownerType, ownerKey, unit, fileName, (long) bytes.length, sha256(bytes), bytes, Instant.now());
    }

    /** The org unit the owner belongs to, after checking it exists and is in the caller's scope. */
    private String ownerUnit(Caller caller, String ownerType, String ownerKey) {
        if (ownerKey == null || ownerKey.isBlank()) {
            throw InvalidInputException.field("ownerKey", "is required");
        }
        String unit;
        if ("DATAVALUE".equals(ownerType)) {
            String[] k = ownerKey.split("/");
            if (k.length != 3) {
                throw InvalidInputException.field("ownerKey", "INDICATOR/ORGUNIT/PERIOD for a data value");
            }
            if (!Scope.within(orgUnits, caller, k[1])) {
                throw new org.mekong.core.api.ForbiddenException("User '" + caller.username()
                        + "' may not attach evidence for org unit '" + k[1] + "'");
            }
            values.history(caller, new DataValueKey(k[0], k[1], k[2]));
            unit = k[1];
        } else if ("TASK_REPORT".equals(ownerType)) {
            long id;
            try {
                id = Long.parseLong(ownerKey);
            } catch (NumberFormatException e) {
                throw InvalidInputException.field("ownerKey", "the report id (a number) for a task report");
            }
            String task = Jdbc.read(ds, c -> Jdbc.one(c, "SELECT TASK_CODE FROM MON_TASK_REPORT WHERE ID = ?",
                    rs -> rs.getString(1), id)).orElseThrow(() -> new NotFoundException("Task report " + id
                            + " does not exist"));
            unit = tasks.get(caller, task).orgUnit();
            if (!Scope.within(orgUnits, caller, unit)) {
                throw new org.mekong.core.api.ForbiddenException("User '" + caller.username()
                        + "' may not attach evidence for org unit '" + unit + "'");
            }
        } else {
            throw InvalidInputException.field("ownerType", "DATAVALUE or TASK_REPORT");
        }
        return unit;
    }

    private static Evidence evidence(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Evidence(rs.getLong("ID"), rs.getString("OWNER_TYPE"), rs.getString("OWNER_KEY"),
                rs.getString("FILE_NAME"), rs.getString("CONTENT_TYPE"), rs.getLong("FILE_SIZE"), rs.getString("SHA256"),
                rs.getString("UPLOADED_BY"), Jdbc.getInstant(rs, "UPLOADED_AT"));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}

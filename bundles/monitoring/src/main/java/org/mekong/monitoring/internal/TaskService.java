package org.mekong.monitoring.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Role;
import org.mekong.core.api.TextFolding;
import org.mekong.core.api.data.AuditService;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.jdbc.Jdbc;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Tasks assigned to units, their progress reports, and their computed status. */
@Component(service = TaskService.class, configurationPid = "org.mekong.monitoring")
@Designate(ocd = MonitoringConfig.class)
public class TaskService {
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9._-]{1,63}$");
    private static final String COLUMNS = "CODE, TITLE, STRATEGY_GROUP, ORGUNIT_CODE, RESPONSIBLE, DEADLINE, "
            + "EXPECTED_PRODUCT, PROGRESS, COMPLETED_ON, LAST_REPORT_AT, VERSION";

    /** Due, on time, overdue and all tasks; parameters: until, until, day, day. */
    private static final String COUNTS = "SUM(CASE WHEN DEADLINE <= ? THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN DEADLINE <= ? AND COMPLETED_ON IS NOT NULL AND COMPLETED_ON <= DEADLINE THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN DEADLINE < ? AND (COMPLETED_ON IS NULL OR COMPLETED_ON > ?) THEN 1 ELSE 0 END), COUNT(*) ";

    private final DataSource ds;
    private final OrgUnitService orgUnits;
    private final AuditService audit;
    private volatile int dueSoonDays;

    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.osgi.service.event.EventAdmin events;

    private final java.util.concurrent.atomic.AtomicLong revision = new java.util.concurrent.atomic.AtomicLong();

    /** Grows with every committed task change on this node ({@link OverviewCache} compares it). */
    long revision() {
        return revision.get();
    }

    /** Tells the warning engine (and anyone listening) that a task changed. */
    private void changed(String code) {
        revision.incrementAndGet();
        org.osgi.service.event.EventAdmin e = events;
        if (e != null) {
            e.postEvent(new org.osgi.service.event.Event("mekong/task/CHANGED", java.util.Map.of("task", code)));
        }
    }

    /** A new task as given by its author. */
    public record NewTask(String code, String title, String strategyGroup, String orgUnit, String responsible,
            String deadline, String expectedProduct) {
    }

    /** A new progress report. */
    public record NewReport(Integer progress, String difficulties, String proposals, Boolean done) {
    }

    /** Counts over the tasks of a subtree, as of a day. */
    public record TaskCounts(long due, long onTime, long overdue, long total) {
        public Double onTimeShare() {
            return due == 0 ? null : (double) onTime / due;
        }
    }

    @Activate
    public TaskService(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference MonitoringSchema schema, @Reference OrgUnitService orgUnits, @Reference AuditService audit,
            MonitoringConfig config) {
        this.ds = ds;
        this.orgUnits = orgUnits;
        this.audit = audit;
        modified(config);
    }

    @Modified
    void modified(MonitoringConfig config) {
        dueSoonDays = Math.max(0, config.due_soon_days());
    }

    int dueSoonDays() {
        return dueSoonDays;
    }

    public Page<Task> find(Caller caller, String orgUnit, TaskStatus status, String group, String text, int offset,
            int limit) {
        OrgUnit unit = orgUnits.get(orgUnit == null ? Scope.home(caller, orgUnits) : orgUnit);
        if (!caller.isAnonymous()) {
            Scope.requireWithin(orgUnits, caller, unit, "read tasks");
        }
        LocalDate today = LocalDate.now();
        List<String> where = new ArrayList<>(List.of("ORGUNIT_PATH LIKE ?"));
        List<Object> params = new ArrayList<>(List.of(unit.path() + "%"));
        if (status != null) {
            where.add(status.sql());
            params.addAll(List.of(status.sqlParams(today, dueSoonDays)));
        }
        if (group != null && !group.isBlank()) {
            where.add("STRATEGY_GROUP = ?");
            params.add(group);
        }
        String sql = " FROM MON_TASK WHERE " + String.join(" AND ", where);
        String fold = text == null || text.isBlank() ? null : TextFolding.fold(text);
        return Jdbc.read(ds, c -> {
            if (fold == null) {
                long total = Jdbc.count(c, "SELECT COUNT(*)" + sql, params.toArray());
                List<Object> paged = new ArrayList<>(params);
                paged.add(offset);
                paged.add(limit);
                return new Page<>(Jdbc.list(c, "SELECT " + COLUMNS + sql + " ORDER BY DEADLINE, CODE OFFSET ? ROWS "
                        + "FETCH NEXT ? ROWS ONLY", rs -> task(rs, today), paged.toArray()), total, offset, limit);
            }
            // Accent-insensitive text search over code and title, in Java (tasks are few).
            List<Task> all = Jdbc.list(c, "SELECT " + COLUMNS + sql + " ORDER BY DEADLINE, CODE",
                    rs -> task(rs, today), params.toArray()).stream()
                    .filter(t -> TextFolding.fold(t.code() + " " + t.title()).contains(fold)).toList();
            return new Page<>(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)),
                    all.size(), offset, limit);
        });
    }

    public Task get(Caller caller, String code) {
        Task t = Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM MON_TASK WHERE CODE = ?",
                rs -> task(rs, LocalDate.now()), code)).orElseThrow(() -> new NotFoundException("Task '" + code
                        + "' does not exist"));
        if (!caller.isAnonymous()) {
            Scope.requireWithin(orgUnits, caller, orgUnits.get(t.orgUnit()), "read tasks");
        }
        return t;
    }

    public Task create(Caller caller, NewTask in) {
        caller.require(Role.LEADER, Role.CENTRAL_IT);
        if (in == null) {
            throw InvalidInputException.field("body", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        if (in.code() == null || !CODE.matcher(in.code()).matches()) {
            problems.add(new ErrorDetail("code", "2-64 upper-case letters, digits, '.', '_' or '-'"));
        }
        if (in.title() == null || in.title().isBlank() || in.title().length() > 500) {
            problems.add(new ErrorDetail("title", "is required, at most 500 characters"));
        }
        OrgUnit unit = in.orgUnit() == null ? null : orgUnits.find(in.orgUnit()).orElse(null);
        if (unit == null) {
            problems.add(new ErrorDetail("orgUnit", "unknown org unit '" + in.orgUnit() + "'"));
        }
        LocalDate deadline = null;
        try {
            deadline = LocalDate.parse(String.valueOf(in.deadline()));
        } catch (DateTimeParseException e) {
            problems.add(new ErrorDetail("deadline", "a date like 2025-06-30 is required"));
        }
        if (in.expectedProduct() != null && in.expectedProduct().length() > 1000) {
            problems.add(new ErrorDetail("expectedProduct", "at most 1000 characters"));
        }
        if (in.responsible() != null && in.responsible().length() > 255) {
            problems.add(new ErrorDetail("responsible", "at most 255 characters"));
        }
        if (in.strategyGroup() != null && in.strategyGroup().length() > 64) {
            problems.add(new ErrorDetail("strategyGroup", "at most 64 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
        if (!Scope.within(orgUnits, caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not assign tasks to '" + unit.code()
                    + "': it is outside their units " + caller.orgUnits());
        }
        LocalDate due = deadline;
        Instant now = Instant.now();
        Jdbc.write(ds, c -> {
            if (Jdbc.count(c, "SELECT COUNT(*) FROM MON_TASK WHERE CODE = ?", in.code()) > 0) {
                throw new ConflictException("Task '" + in.code() + "' exists already");
            }
            return Jdbc.update(c, "INSERT INTO MON_TASK (CODE, TITLE, STRATEGY_GROUP, ORGUNIT_CODE, ORGUNIT_PATH, "
                    + "RESPONSIBLE, DEADLINE, EXPECTED_PRODUCT, PROGRESS, CREATED_BY, CREATED_AT, VERSION) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)", in.code(), in.title().strip(), in.strategyGroup(),
                    unit.code(), unit.path(), in.responsible(), due, in.expectedProduct(), caller.username(), now);
        });
        Task created = get(caller, in.code());
        audit.record(caller.username(), "Task", created.code(), "CREATE", null, created, created.orgUnit());
        changed(created.code());
        return created;
    }

    public List<TaskReport> reports(Caller caller, String code, EvidenceService evidence) {
        get(caller, code);
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT * FROM MON_TASK_REPORT WHERE TASK_CODE = ? ORDER BY ID DESC",
                rs -> report(rs, List.of()), code)).stream()
                .map(r -> new TaskReport(r.id(), r.task(), r.progress(), r.difficulties(), r.proposals(), r.done(),
                        r.reportedBy(), r.reportedAt(), evidence.list("TASK_REPORT", String.valueOf(r.id()))))
                .toList();
    }

    public TaskReport report(Caller caller, String code, NewReport in) {
        caller.require(Role.REPORTER, Role.LEADER, Role.CENTRAL_IT);
        Task task = get(caller, code);
        Scope.requireWithin(orgUnits, caller, orgUnits.get(task.orgUnit()), "report on tasks");
        if (in == null) {
            throw InvalidInputException.field("body", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        boolean done = Boolean.TRUE.equals(in.done());
        int progress = in.progress() == null ? (done ? 100 : -1) : in.progress();
        if (progress < 0 || progress > 100) {
            problems.add(new ErrorDetail("progress", "a whole number from 0 to 100 is required"));
        } else if (done && progress != 100) {
            problems.add(new ErrorDetail("progress", "a task reported done has progress 100"));
        }
        for (String[] f : new String[][] { { "difficulties", in.difficulties() }, { "proposals", in.proposals() } }) {
            if (f[1] != null && f[1].length() > 2000) {
                problems.add(new ErrorDetail(f[0], "at most 2000 characters"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
        if (task.completedOn() != null) {
            throw new ConflictException("Task '" + code + "' was completed on " + task.completedOn()
                    + "; no further reports are taken");
        }
        Instant now = Instant.now();
        long id = Jdbc.write(ds, c -> {
            long newId = Jdbc.insert(c, "INSERT INTO MON_TASK_REPORT (TASK_CODE, PROGRESS, DIFFICULTIES, PROPOSALS, DONE, "
                    + "REPORTED_BY, REPORTED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)", code, progress, in.difficulties(),
                    in.proposals(), done, caller.username(), now);
            Jdbc.update(c, "UPDATE MON_TASK SET PROGRESS = ?, LAST_REPORT_AT = ?, COMPLETED_ON = ?, VERSION = VERSION + 1 "
                    + "WHERE CODE = ?", progress, now, done ? LocalDate.now() : Jdbc.Null.DATE, code);
            return newId;
        });
        TaskReport r = new TaskReport(id, code, progress, in.difficulties(), in.proposals(), done, caller.username(),
                now, List.of());
        audit.record(caller.username(), "Task", code, "REPORT", task, r, task.orgUnit());
        changed(code);
        return r;
    }

    /**
     * Tasks of the subtree due by {@code until}; on time = completed by the deadline; overdue =
     * past the deadline and not done on the earlier of {@code until} and {@code today}.
     */
    public TaskCounts counts(String path, LocalDate until, LocalDate today) {
        LocalDate day = until.isBefore(today) ? until : today;
        return Jdbc.read(ds, c -> Jdbc.one(c, "SELECT " + COUNTS + "FROM MON_TASK WHERE ORGUNIT_PATH LIKE ?",
                rs -> new TaskCounts(rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4)), until, until, day, day, path + "%").orElseThrow());
    }

    /**
     * {@link #counts} for each of the given units at once, from one grouped query over the
     * subtree of {@code parentPath} (the dashboard's drill-down rows).
     */
    public java.util.Map<String, TaskCounts> countsBelow(String parentPath, List<OrgUnit> units, LocalDate until,
            LocalDate today) {
        LocalDate day = until.isBefore(today) ? until : today;
        java.util.Map<String, long[]> byPath = new java.util.HashMap<>();
        Jdbc.read(ds, c -> Jdbc.list(c, "SELECT ORGUNIT_PATH, " + COUNTS
                + "FROM MON_TASK WHERE ORGUNIT_PATH LIKE ? GROUP BY ORGUNIT_PATH", rs -> byPath.put(rs.getString(1),
                        new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }),
                until, until, day, day, parentPath + "%"));
        java.util.Map<String, TaskCounts> out = new java.util.HashMap<>();
        for (OrgUnit u : units) {
            long[] sum = new long[4];
            byPath.forEach((path, n) -> {
                if (path.startsWith(u.path())) {
                    for (int i = 0; i < 4; i++) {
                        sum[i] += n[i];
                    }
                }
            });
            out.put(u.code(), new TaskCounts(sum[0], sum[1], sum[2], sum[3]));
        }
        return out;
    }

    /** Every task (for the warning rules). */
    public List<Task> all() {
        LocalDate today = LocalDate.now();
        return Jdbc.read(ds, c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM MON_TASK ORDER BY CODE",
                rs -> task(rs, today)));
    }

    boolean isEmpty() {
        return Jdbc.read(ds, c -> Jdbc.count(c, "SELECT COUNT(*) FROM MON_TASK")) == 0;
    }

    /** Demo loading: inserts a task with a given history. */
    void insertDemo(Connection c, String code, String title, String group, OrgUnit unit, String responsible,
            LocalDate deadline, String product, int progress, LocalDate completedOn, Instant lastReport)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO MON_TASK (CODE, TITLE, STRATEGY_GROUP, ORGUNIT_CODE, ORGUNIT_PATH, RESPONSIBLE, "
                + "DEADLINE, EXPECTED_PRODUCT, PROGRESS, COMPLETED_ON, LAST_REPORT_AT, CREATED_BY, CREATED_AT, VERSION) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo', ?, 1)", code, title, group, unit.code(), unit.path(),
                responsible, deadline, product, progress, completedOn == null ? Jdbc.Null.DATE : completedOn,
                lastReport == null ? Jdbc.Null.TIMESTAMP : lastReport, Instant.now());
        if (lastReport != null) {
            Jdbc.update(c, "INSERT INTO MON_TASK_REPORT (TASK_CODE, PROGRESS, DIFFICULTIES, PROPOSALS, DONE, REPORTED_BY, "
                    + "REPORTED_AT) VALUES (?, ?, ?, ?, ?, 'demo', ?)", code, progress,
                    progress < 100 ? "Thiếu nhân lực chuyên trách về chuyển đổi số; kinh phí được giao chậm." : null,
                    progress < 100 ? "Đề nghị bổ sung biên chế và hướng dẫn kỹ thuật thống nhất." : null,
                    completedOn != null, lastReport);
        }
    }

    private Task task(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate deadline = rs.getDate("DEADLINE").toLocalDate();
        java.sql.Date done = rs.getDate("COMPLETED_ON");
        LocalDate completed = done == null ? null : done.toLocalDate();
        Instant last = Jdbc.getInstant(rs, "LAST_REPORT_AT");
        return new Task(rs.getString("CODE"), rs.getString("TITLE"), rs.getString("STRATEGY_GROUP"),
                rs.getString("ORGUNIT_CODE"), rs.getString("RESPONSIBLE"), deadline, rs.getString("EXPECTED_PRODUCT"),
                rs.getInt("PROGRESS"), TaskStatus.of(deadline, completed, last, today, dueSoonDays), completed, last,
                rs.getLong("VERSION"));
    }

    private static TaskReport report(ResultSet rs, List<Evidence> evidence) throws SQLException {
        return new TaskReport(rs.getLong("ID"), rs.getString("TASK_CODE"), rs.getInt("PROGRESS"),
                rs.getString("DIFFICULTIES"), rs.getString("PROPOSALS"), rs.getBoolean("DONE"),
                rs.getString("REPORTED_BY"), Jdbc.getInstant(rs, "REPORTED_AT"), evidence);
    }
}

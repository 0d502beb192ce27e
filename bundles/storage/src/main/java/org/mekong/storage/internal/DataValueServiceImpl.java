package org.mekong.storage.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.Caller;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ForbiddenException;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.Page;
import org.mekong.core.api.Period;
import org.mekong.core.api.Role;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.indicator.Indicator;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.storage.internal.entities.DataValueEntity;
import org.mekong.storage.jpa.Transactions;
import org.mekong.storage.jpa.Where;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Data values: validation, org-unit scope, no duplicate provision, optimistic locking, and an
 * audit entry committed in the same transaction as each change.
 */
@Component(service = DataValueService.class)
public class DataValueServiceImpl implements DataValueService {
    static final int MAX_BATCH = 50_000;
    static final int MAX_COMMENT = 2000;
    static final String TOPIC_WRITTEN = "mekong/datavalue/WRITTEN";

    private final EntityManagerFactory emf;
    private final IndicatorRegistry indicators;
    private final OrgUnitService orgUnits;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public DataValueServiceImpl(@Reference(target = "(osgi.unit.name=mekong-storage)") EntityManagerFactory emf,
            @Reference StorageSchema schema, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits) {
        this.emf = emf;
        this.indicators = indicators;
        this.orgUnits = orgUnits;
    }

    /** A validated input with its resolved org unit. */
    private record Checked(DataValueInput input, OrgUnit unit, String prefix) {
    }

    @Override
    public DataValue write(Caller caller, DataValueInput input) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        Checked checked = check(caller, input, "");
        DataValue written = Transactions.write(emf, em -> apply(em, caller, checked)).value();
        publish(List.of(written));
        return written;
    }

    @Override
    public BatchResult writeBatch(Caller caller, List<DataValueInput> inputs) {
        caller.require(Role.REPORTER, Role.CENTRAL_IT);
        if (inputs == null || inputs.isEmpty()) {
            throw InvalidInputException.field("values", "must contain at least one value");
        }
        if (inputs.size() > MAX_BATCH) {
            throw InvalidInputException.field("values", "at most " + MAX_BATCH + " values per batch, got " + inputs.size());
        }
        List<Checked> checked = new ArrayList<>(inputs.size());
        List<ErrorDetail> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String prefix = "values[" + i + "].";
            try {
                Checked c = check(caller, inputs.get(i), prefix);
                if (!keys.add(c.input.indicator() + "|" + c.input.orgUnit() + "|" + c.input.period())) {
                    problems.add(new ErrorDetail(prefix + "period", "the same indicator, unit and period appear twice in the batch"));
                }
                checked.add(c);
            } catch (InvalidInputException e) {
                problems.addAll(e.details());
            } catch (ForbiddenException e) {
                throw new ForbiddenException(prefix.substring(0, prefix.length() - 1) + ": " + e.getMessage());
            }
            if (problems.size() >= 100) {
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The batch was rejected; nothing was stored (" + problems.size()
                    + " problem(s))", problems);
        }
        List<Outcome> outcomes = Transactions.write(emf, em -> {
            List<Outcome> done = new ArrayList<>(checked.size());
            for (Checked c : checked) {
                done.add(apply(em, caller, c));
                if (done.size() % 500 == 0) {
                    em.flush();
                    em.clear();
                }
            }
            return done;
        });
        publish(outcomes.stream().map(Outcome::value).toList());
        int created = (int) outcomes.stream().filter(Outcome::created).count();
        return new BatchResult(created, outcomes.size() - created);
    }

    private record Outcome(DataValue value, boolean created) {
    }

    private Outcome apply(EntityManager em, Caller caller, Checked c) {
        DataValueInput in = c.input();
        List<DataValueEntity> found = em.createQuery("SELECT d FROM DataValueEntity d WHERE d.indicator = :i "
                + "AND d.orgUnit = :u AND d.period = :p", DataValueEntity.class)
                .setParameter("i", in.indicator()).setParameter("u", in.orgUnit()).setParameter("p", in.period())
                .getResultList();
        Instant now = Instant.now();
        String key = in.indicator() + "/" + in.orgUnit() + "/" + in.period();
        if (found.isEmpty()) {
            if (in.version() != null) {
                throw new ConflictException(c.prefix() + "no value exists yet for " + key + " but version "
                        + in.version() + " was given; omit the version to create it");
            }
            DataValueEntity e = new DataValueEntity(in.indicator(), in.orgUnit(), c.unit().path(), in.period(),
                    caller.username(), now);
            e.change(in.value(), in.comment(), caller.username(), now);
            em.persist(e);
            em.flush();
            DataValue after = e.toDTO();
            AuditServiceImpl.record(em, caller.username(), "DataValue", key, "CREATE", null, after);
            return new Outcome(after, true);
        }
        DataValueEntity e = found.get(0);
        if (in.version() == null) {
            throw new ConflictException(c.prefix() + "a value already exists for " + key + " (version "
                    + e.getVersion() + "); send that version to update it", List.of(new ErrorDetail(
                            c.prefix() + "version", "current version is " + e.getVersion())));
        }
        if (in.version() != e.getVersion()) {
            throw new ConflictException(c.prefix() + "stale version " + in.version() + " for " + key
                    + "; the current version is " + e.getVersion(), List.of(new ErrorDetail(c.prefix() + "version",
                            "current version is " + e.getVersion())));
        }
        DataValue before = e.toDTO();
        e.change(in.value(), in.comment(), caller.username(), now);
        em.flush();
        DataValue after = e.toDTO();
        AuditServiceImpl.record(em, caller.username(), "DataValue", key, "UPDATE", before, after);
        return new Outcome(after, false);
    }

    private Checked check(Caller caller, DataValueInput in, String prefix) {
        if (in == null) {
            throw InvalidInputException.field(prefix.isEmpty() ? "body" : prefix + "value", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        Indicator indicator = null;
        if (blank(in.indicator())) {
            problems.add(new ErrorDetail(prefix + "indicator", "is required"));
        } else {
            indicator = indicators.find(in.indicator()).orElse(null);
            if (indicator == null) {
                problems.add(new ErrorDetail(prefix + "indicator", "unknown indicator '" + in.indicator() + "'"));
            } else if (indicator.retired()) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator() + "' is retired"));
            } else if (indicator.formula() != null && !indicator.formula().isBlank()) {
                problems.add(new ErrorDetail(prefix + "indicator", "indicator '" + in.indicator()
                        + "' is computed by formula and cannot be entered"));
            }
        }
        OrgUnit unit = null;
        if (blank(in.orgUnit())) {
            problems.add(new ErrorDetail(prefix + "orgUnit", "is required"));
        } else {
            unit = orgUnits.find(in.orgUnit()).orElse(null);
            if (unit == null) {
                problems.add(new ErrorDetail(prefix + "orgUnit", "unknown org unit '" + in.orgUnit() + "'"));
            }
        }
        try {
            Period period = Period.parse(in.period());
            if (indicator != null && indicator.periodicity() != null && period.periodicity() != indicator.periodicity()) {
                problems.add(new ErrorDetail(prefix + "period", "indicator '" + indicator.code() + "' is reported "
                        + indicator.periodicity() + ", but '" + in.period() + "' is " + period.periodicity()));
            }
        } catch (InvalidInputException e) {
            problems.add(new ErrorDetail(prefix + "period", e.details().get(0).problem()));
        }
        if (in.value() == null) {
            problems.add(new ErrorDetail(prefix + "value", "is required"));
        } else if (in.value().isNaN() || in.value().isInfinite()) {
            problems.add(new ErrorDetail(prefix + "value", "must be a finite number"));
        }
        if (in.comment() != null && in.comment().length() > MAX_COMMENT) {
            problems.add(new ErrorDetail(prefix + "comment", "at most " + MAX_COMMENT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(), problems);
        }
        if (!inScope(caller, unit.code())) {
            throw new ForbiddenException("User '" + caller.username() + "' may not write data for org unit '"
                    + unit.code() + "': it is outside their units " + caller.orgUnits());
        }
        return new Checked(in, unit, prefix);
    }

    private boolean inScope(Caller caller, String unit) {
        return caller.isNational() || caller.orgUnits().stream().anyMatch(m -> orgUnits.isWithin(unit, m));
    }

    @Override
    public Page<DataValue> find(Caller caller, DataValueQuery q) {
        caller.require();
        String path = null;
        if (q.orgUnit() != null) {
            OrgUnit unit = orgUnits.find(q.orgUnit())
                    .orElseThrow(() -> InvalidInputException.field("orgUnit", "unknown org unit '" + q.orgUnit() + "'"));
            path = q.includeDescendants() ? unit.path() + "%" : null;
        }
        for (String p : new String[] { q.period(), q.periodFrom(), q.periodTo() }) {
            if (p != null) {
                Period.parse(p);
            }
        }
        Where where = new Where().and("d.indicator = :indicator", "indicator", q.indicator())
                .and("d.period = :period", "period", q.period())
                .and("d.period >= :from", "from", q.periodFrom())
                .and("d.period <= :to", "to", q.periodTo());
        if (path != null) {
            where.and("d.orgUnitPath LIKE :path", "path", path);
        } else {
            where.and("d.orgUnit = :unit", "unit", q.orgUnit());
        }
        return Transactions.read(emf, em -> new Page<>(
                where.query(em, "SELECT d FROM DataValueEntity d", "ORDER BY d.indicator, d.orgUnitPath, d.period",
                        DataValueEntity.class).setFirstResult(q.offset()).setMaxResults(q.limit()).getResultList()
                        .stream().map(DataValueEntity::toDTO).toList(),
                where.count(em, "DataValueEntity", "d"), q.offset(), q.limit()));
    }

    @Override
    public long count() {
        return Transactions.read(emf, em -> new Where().count(em, "DataValueEntity", "d"));
    }

    private void publish(List<DataValue> values) {
        EventAdmin events = eventAdmin;
        if (events == null) {
            return;
        }
        for (DataValue v : values) {
            events.postEvent(new Event(TOPIC_WRITTEN, Map.of("indicator", v.indicator(), "orgUnit", v.orgUnit(),
                    "period", v.period(), "version", v.version())));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

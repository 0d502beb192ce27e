package org.mekong.storage.internal;

import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.mekong.core.api.data.BatchResult;
import org.mekong.core.api.data.Correction;
import org.mekong.core.api.data.CorrectionState;
import org.mekong.core.api.data.DataValue;
import org.mekong.core.api.data.DataValueInput;
import org.mekong.core.api.data.DataValueKey;
import org.mekong.core.api.data.DataValueQuery;
import org.mekong.core.api.data.DataValueService;
import org.mekong.core.api.data.DataValueVersion;
import org.mekong.core.api.data.SubmitResult;
import org.mekong.core.api.data.UnitPeriod;
import org.mekong.core.api.data.TreeValue;
import org.mekong.core.api.data.UnitValue;
import org.mekong.core.api.data.ValueScan;
import org.mekong.core.api.data.VerificationItem;
import org.mekong.core.api.data.VerificationQuery;
import org.mekong.core.api.data.WriteMode;
import org.mekong.core.api.indicator.IndicatorRegistry;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.orgunit.PluginScopes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;

/**
 * Data values on plain JDBC (the bulk path): the DS component that wires the parts and delegates
 * to them: {@link DataValueChecks} (input and scope), {@link DataValueWriter} (create, update,
 * batch), {@link DataValueWorkflow} (submit, verify, reject), {@link DataValueQueries} (find,
 * history), {@link DataValueCorrections} (reopening VERIFIED values), {@link VerificationQueue} (the verifier's queue) and {@link Rollups} (DV_AGG). Every change commits with its history, rollups and audit
 * entry in one transaction.
 */
@Component(service = DataValueService.class)
public class DataValueServiceImpl implements DataValueService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;
    /** Plugin scopes: a scoped plugin's indicators take values only for units within its scope. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PluginScopes scopes;

    private final DataValueWriter writer;
    private final DataValueWorkflow workflow;
    private final DataValueQueries queries;
    private final Rollups rollups;
    private final DataValueScans scans;
    private final DataValueEvents events;
    private final DataValueCorrections corrections;
    private final VerificationQueue queue;

    @Activate
    public DataValueServiceImpl(@Reference(target = "(osgi.jndi.service.name=mekongds)") DataSource ds,
            @Reference StorageSchema schema, @Reference IndicatorRegistry indicators,
            @Reference OrgUnitService orgUnits) {
        DataValueChecks checks = new DataValueChecks(indicators, orgUnits, () -> scopes, java.time.Clock.systemDefaultZone());
        this.events = new DataValueEvents(() -> eventAdmin);
        this.writer = new DataValueWriter(ds, checks, events);
        this.workflow = new DataValueWorkflow(ds, indicators, checks, events);
        this.queries = new DataValueQueries(ds, checks);
        this.rollups = new Rollups(ds, indicators);
        this.scans = new DataValueScans(ds, checks);
        this.corrections = new DataValueCorrections(ds, checks, queries, events);
        this.queue = new VerificationQueue(ds, checks, indicators);
        PeriodDates.backfill(ds);
    }

    @Override
    public DataValue write(Caller caller, DataValueInput input) {
        return writer.write(caller, input);
    }

    @Override
    public BatchResult writeBatch(Caller caller, List<DataValueInput> inputs) {
        return writer.writeBatch(caller, inputs, WriteMode.STRICT, null);
    }

    @Override
    public BatchResult writeBatch(Caller caller, List<DataValueInput> inputs, WriteMode mode) {
        return writer.writeBatch(caller, inputs, mode, null);
    }

    @Override
    public BatchResult writeBatch(Caller caller, List<DataValueInput> inputs, WriteMode mode, String idempotencyKey) {
        return writer.writeBatch(caller, inputs, mode, idempotencyKey);
    }

    @Override
    public Page<DataValue> find(Caller caller, DataValueQuery query) {
        return queries.find(caller, query);
    }

    @Override
    public List<DataValueVersion> history(Caller caller, DataValueKey key) {
        return queries.history(caller, key);
    }

    @Override
    public SubmitResult submit(Caller caller, String orgUnit, String period, List<String> indicators) {
        return workflow.submit(caller, orgUnit, period, indicators);
    }

    @Override
    public int submitAll(Caller caller, List<UnitPeriod> unitPeriods) {
        return workflow.submitAll(caller, unitPeriods);
    }

    @Override
    public Page<VerificationItem> verificationQueue(Caller caller, VerificationQuery query) {
        return queue.find(caller, query, queries);
    }

    @Override
    public int verify(Caller caller, List<DataValueKey> keys) {
        return workflow.verify(caller, keys);
    }

    @Override
    public int reject(Caller caller, List<DataValueKey> keys, String reason) {
        return workflow.reject(caller, keys, reason);
    }

    @Override
    public Correction requestCorrection(Caller caller, DataValueKey key, String reason) {
        return corrections.request(caller, key, reason);
    }

    @Override
    public Page<Correction> findCorrections(Caller caller, String orgUnit, CorrectionState state, int offset,
            int limit) {
        return corrections.find(caller, orgUnit, state, offset, limit);
    }

    @Override
    public Correction acceptCorrection(Caller caller, long id) {
        return corrections.accept(caller, id);
    }

    @Override
    public Correction declineCorrection(Caller caller, long id, String reason) {
        return corrections.decline(caller, id, reason);
    }

    @Override
    public List<UnitValue> valuesAt(Collection<String> indicators, Collection<String> orgUnits,
            Collection<String> periods, boolean verifiedOnly) {
        return rollups.valuesAt(indicators, orgUnits, periods, verifiedOnly);
    }

    @Override
    public List<TreeValue> scan(ValueScan scan) {
        return scans.scan(scan);
    }

    @Override
    public long revision() {
        return events.revision();
    }

    @Override
    public long count() {
        return queries.count();
    }
}

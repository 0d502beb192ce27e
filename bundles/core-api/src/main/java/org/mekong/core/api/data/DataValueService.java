package org.mekong.core.api.data;

import java.util.Collection;
import java.util.List;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads and writes data values. Every write checks the caller's role and org-unit scope,
 * validates the indicator, unit and period, applies optimistic locking and is audited.
 */
@ProviderType
public interface DataValueService {

    DataValue write(Caller caller, DataValueInput input);

    /** Writes all values in one transaction: one bad value rejects the batch, naming its index. */
    BatchResult writeBatch(Caller caller, List<DataValueInput> inputs);

    /**
     * Current values by the query's filters. Callers without a national role read only the
     * subtrees of their own units (403 when they name a unit outside them).
     */
    Page<DataValue> find(Caller caller, DataValueQuery query);

    /** Every version of one value, the current one first (404 when there is none). */
    List<DataValueVersion> history(Caller caller, DataValueKey key);

    /**
     * Moves the unit's DRAFT and REJECTED values for the period (all, or only the given
     * indicators) to SUBMITTED after validation: values outside the unit's historic range need
     * a comment. Reports completeness against the manual indicators expected for the period.
     */
    SubmitResult submit(Caller caller, String orgUnit, String period, List<String> indicators);

    /**
     * {@link #submit} for several units' periods in one transaction: all are submitted or, when
     * any value needs attention, none. Answers how many values moved to SUBMITTED.
     */
    int submitAll(Caller caller, List<UnitPeriod> unitPeriods);

    /** SUBMITTED -> VERIFIED, by a VERIFIER of a unit above each value's unit; all or nothing. */
    int verify(Caller caller, List<DataValueKey> keys);

    /** SUBMITTED -> REJECTED with a reason, by a VERIFIER of a unit above each value's unit. */
    int reject(Caller caller, List<DataValueKey> keys, String reason);

    /**
     * Values of the indicators at the units for the periods, each either the unit's own value or
     * the rollup below it, read from the aggregate rows (no scan of the subtree). No access
     * check: callers decide what the user may see; {@code verifiedOnly} counts VERIFIED values
     * only (the public view). Combinations without any value are left out.
     */
    List<UnitValue> valuesAt(Collection<String> indicators, Collection<String> orgUnits, Collection<String> periods,
            boolean verifiedOnly);

    long count();
}

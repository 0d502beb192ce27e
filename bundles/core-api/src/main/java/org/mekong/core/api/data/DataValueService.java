package org.mekong.core.api.data;

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

    Page<DataValue> find(Caller caller, DataValueQuery query);

    long count();
}

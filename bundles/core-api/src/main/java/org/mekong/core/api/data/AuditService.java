package org.mekong.core.api.data;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit trail of every write. National roles (ADMIN, CENTRAL_IT) read all of it; a LEADER reads
 * only the entries of records that belong to an org unit within the leader's own units, the same
 * scope as the records' own endpoints. Entries recorded without a unit (accounts, plugins, scopes,
 * discussions) are for national roles only.
 */
@ProviderType
public interface AuditService {

    /** Entries newest first, optionally for one entity type and key (key may be a prefix). */
    Page<AuditEntry> find(Caller caller, String entityType, String entityKey, int offset, int limit);

    /** Records a change of a record that belongs to no org unit; the before/after values are serialised to JSON. */
    void record(String actor, String entityType, String entityKey, String action, Object before, Object after);

    /** Records a change of a record of {@code orgUnit} (a code; null as above). */
    void record(String actor, String entityType, String entityKey, String action, Object before, Object after,
            String orgUnit);
}

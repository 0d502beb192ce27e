package org.mekong.core.api.data;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/** The audit trail of every write: readable by administrators and central IT. */
@ProviderType
public interface AuditService {

    /** Entries newest first, optionally for one entity type and key (key may be a prefix). */
    Page<AuditEntry> find(Caller caller, String entityType, String entityKey, int offset, int limit);

    /** Records a change; the before/after values are serialised to JSON. */
    void record(String actor, String entityType, String entityKey, String action, Object before, Object after);
}

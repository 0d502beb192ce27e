package org.mekong.core.api.orgunit;

import java.util.List;
import java.util.Optional;

import org.mekong.core.api.Caller;
import org.mekong.core.api.Page;
import org.osgi.annotation.versioning.ProviderType;

/** Reads the organisation-unit tree. */
@ProviderType
public interface OrgUnitService {

    Optional<OrgUnit> find(String code);

    /** The unit, or a 404 naming the code. */
    OrgUnit get(String code);

    List<OrgUnit> children(String code);

    /** The unit and all its descendants, ordered by path. */
    Page<OrgUnit> subtree(String code, int offset, int limit);

    /** Units filtered by level and a case- and accent-insensitive name or code fragment. */
    Page<OrgUnit> search(OrgUnitLevel level, String text, int offset, int limit);

    /** True when {@code code} is {@code ancestor} or lies below it. */
    boolean isWithin(String code, String ancestor);

    /**
     * Whether the caller acts on the unit: national callers (ADMIN, CENTRAL_IT) everywhere, others
     * where the unit lies within one of their own units' subtrees (since 1.3).
     */
    default boolean covers(Caller caller, String code) {
        return caller.isNational() || code != null && caller.orgUnits().stream().anyMatch(u -> isWithin(code, u));
    }

    long count();

    /**
     * Adds a unit below an existing parent (ADMIN or CENTRAL_IT): codes are unique, upper-case
     * letters, digits and hyphens; the level must fit under the parent's. The path is derived.
     */
    OrgUnit create(Caller caller, OrgUnit unit);
}

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

    /**
     * Writes all values in one transaction ({@link WriteMode#STRICT}): one bad value rejects the
     * batch, and the refusal names every refused index.
     */
    BatchResult writeBatch(Caller caller, List<DataValueInput> inputs);

    /**
     * {@link #writeBatch(Caller, List)} in the given mode; {@link WriteMode#UPSERT} creates or
     * updates without versions and answers how many values were unchanged.
     */
    BatchResult writeBatch(Caller caller, List<DataValueInput> inputs, WriteMode mode);

    /**
     * {@link #writeBatch(Caller, List, WriteMode)} under an idempotency key (null for none): the
     * answer of a successful batch is kept for a day per caller and key, and the same batch sent
     * again with the key gets that answer without a second write; the key used for a different
     * batch is a 409. A refused batch keeps nothing.
     */
    BatchResult writeBatch(Caller caller, List<DataValueInput> inputs, WriteMode mode, String idempotencyKey);

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

    /**
     * The verifier's queue: a page of the values the caller may decide on (national roles: every
     * unit; a VERIFIER: the units strictly below their own; 403 for an {@code orgUnit} outside
     * them), each with the previous period's value and the outlier flag of the submission rule,
     * ordered by unit, period and indicator.
     */
    Page<VerificationItem> verificationQueue(Caller caller, VerificationQuery query);

    /** SUBMITTED -> VERIFIED, by a VERIFIER of a unit above each value's unit; all or nothing. */
    int verify(Caller caller, List<DataValueKey> keys);

    /** SUBMITTED -> REJECTED with a reason, by a VERIFIER of a unit above each value's unit. */
    int reject(Caller caller, List<DataValueKey> keys, String reason);

    /**
     * Asks to reopen a VERIFIED value (a REPORTER or CENTRAL_IT within the value's unit), with a
     * required reason; 409 when the value is not VERIFIED or already has a pending request.
     */
    Correction requestCorrection(Caller caller, DataValueKey key, String reason);

    /**
     * Correction requests of values within the caller's scope (the subtree of {@code orgUnit}
     * when given), newest first; {@code state} null for every state.
     */
    Page<Correction> findCorrections(Caller caller, String orgUnit, CorrectionState state, int offset, int limit);

    /**
     * Accepts a PENDING request: the value returns to DRAFT (version + 1, history kept, audited).
     * Decided by a VERIFIER of a unit above the value's (as {@link #verify}), never the requester.
     */
    Correction acceptCorrection(Caller caller, long id);

    /** Declines a PENDING request with a required reason; the value stays VERIFIED. Same deciders as accept. */
    Correction declineCorrection(Caller caller, long id, String reason);

    /**
     * Values of the indicators at the units for the periods, each either the unit's own value or
     * the rollup below it, read from the aggregate rows (no scan of the subtree). No access
     * check: callers decide what the user may see; {@code verifiedOnly} counts VERIFIED values
     * only (the public view). Combinations without any value are left out.
     */
    List<UnitValue> valuesAt(Collection<String> indicators, Collection<String> orgUnits, Collection<String> periods,
            boolean verifiedOnly);

    /**
     * Stored values by the scan's filters, set-based (a few statements, never one per value), for
     * rules and computations that look across the tree. No access check, like {@link #valuesAt}:
     * what a user may see is decided by the caller, see {@link IndicatorValues}.
     */
    List<TreeValue> scan(ValueScan scan);

    long count();

    /**
     * A number that grows with every committed change to data values made on this node (writes,
     * submissions, decisions, reopened values), for readers that keep computed figures: the same
     * revision means no change here since. Other nodes' changes are not counted.
     */
    long revision();
}

package ${package}.internal;

import java.time.Instant;

/** One of ${provinceName}'s local digital-transformation initiatives. */
public record Initiative(long id, String title, Status status, String orgUnit, String createdBy, Instant createdAt,
        Instant updatedAt) {

    /** Where an initiative stands. */
    public enum Status {
        PLANNED, IN_PROGRESS, DONE
    }
}

package org.mekong.core.api.orgunit;

/** Levels of the tree since the two-level local government of 1 July 2025. */
public enum OrgUnitLevel {
    /** The root: the whole country. */
    NATIONAL(1),
    /** Party bodies, ministries and agencies under the national root. */
    CENTRAL(2),
    /** The 34 provinces and centrally-run cities. */
    PROVINCE(2),
    /** Communes, wards and special zones under a province. */
    COMMUNE(3);

    private final int depth;

    OrgUnitLevel(int depth) {
        this.depth = depth;
    }

    public int depth() {
        return depth;
    }
}

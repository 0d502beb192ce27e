package org.mekong.core.api.orgunit;

/**
 * One node of the organisation tree. {@code path} lists the codes from the root, slash
 * separated and slash terminated ({@code /VN/HUE/HUE-QUANG-DIEN/}), for fast subtree queries.
 */
public record OrgUnit(String code, String nameVi, String nameEn, OrgUnitLevel level, String parentCode, String path) {
}

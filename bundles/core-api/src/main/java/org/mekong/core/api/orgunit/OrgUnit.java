package org.mekong.core.api.orgunit;

import java.util.Collection;

/**
 * One node of the organisation tree. {@code path} lists the codes from the root, slash
 * separated and slash terminated ({@code /VN/HUE/HUE-QUANG-DIEN/}), for fast subtree queries.
 */
public record OrgUnit(String code, String nameVi, String nameEn, OrgUnitLevel level, String parentCode, String path) {

    /**
     * The path of the deepest unit that is or contains all of {@code units} ("/" for none in
     * common), for one set-based query over their common subtree (since 1.4).
     */
    public static String commonPath(Collection<OrgUnit> units) {
        String common = null;
        for (OrgUnit u : units) {
            if (common == null) {
                common = u.path();
                continue;
            }
            int end = 0;
            String p = u.path();
            for (int k = 0; k < Math.min(common.length(), p.length()) && common.charAt(k) == p.charAt(k); k++) {
                if (p.charAt(k) == '/') {
                    end = k + 1;
                }
            }
            common = common.substring(0, end);
        }
        return common == null || common.isEmpty() ? "/" : common;
    }
}

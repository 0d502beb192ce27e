package org.mekong.core.api.data;

import java.util.List;

/**
 * Filters of the verification queue; null fields do not filter. {@code orgUnit} reads its whole
 * subtree, {@code indicators} holds one or several codes (a reporting form's indicator list), and
 * a null {@code state} means {@link DataValueState#SUBMITTED}, the values waiting for a decision.
 */
public record VerificationQuery(String orgUnit, String period, List<String> indicators, DataValueState state,
        int offset, int limit) {

    public VerificationQuery {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
    }
}

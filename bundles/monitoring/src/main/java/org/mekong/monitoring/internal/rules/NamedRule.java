package org.mekong.monitoring.internal.rules;

import org.mekong.core.spi.WarningRule;

/** A rule's fixed id and names; subclasses only check. */
abstract class NamedRule implements WarningRule {
    private final String id;
    private final String nameVi;
    private final String nameEn;

    NamedRule(String id, String nameVi, String nameEn) {
        this.id = id;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String nameVi() {
        return nameVi;
    }

    @Override
    public String nameEn() {
        return nameEn;
    }
}

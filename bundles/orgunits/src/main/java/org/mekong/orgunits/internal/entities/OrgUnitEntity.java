package org.mekong.orgunits.internal.entities;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.mekong.core.api.TextFolding;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;

/** Row of ORG_UNIT. */
@Entity
@Table(name = "ORG_UNIT")
public class OrgUnitEntity {
    @Id
    @Column(name = "CODE")
    private String code;
    @Column(name = "NAME_VI")
    private String nameVi;
    @Column(name = "NAME_EN")
    private String nameEn;
    @Column(name = "SEARCH_TEXT")
    private String searchText;
    @Column(name = "UNIT_LEVEL")
    private String level;
    @Column(name = "PARENT_CODE")
    private String parentCode;
    @Column(name = "PATH")
    private String path;

    protected OrgUnitEntity() {
    }

    public OrgUnitEntity(String code, String nameVi, String nameEn, OrgUnitLevel level, String parentCode,
            String path) {
        this.code = code;
        this.nameVi = nameVi;
        this.nameEn = nameEn;
        this.searchText = TextFolding.fold(code + " " + nameVi + " " + nameEn);
        this.level = level.name();
        this.parentCode = parentCode;
        this.path = path;
    }

    public OrgUnit toDTO() {
        return new OrgUnit(code, nameVi, nameEn, OrgUnitLevel.valueOf(level), parentCode, path);
    }
}

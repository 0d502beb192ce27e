package org.mekong.orgunits.internal;

import org.mekong.core.api.Role;
import org.mekong.core.api.InvalidInputException;
import org.mekong.core.api.ErrorDetail;
import org.mekong.core.api.ConflictException;
import org.mekong.core.api.Caller;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManagerFactory;

import org.mekong.core.api.NotFoundException;
import org.mekong.core.api.Page;
import org.mekong.core.api.TextFolding;
import org.mekong.core.api.orgunit.OrgUnit;
import org.mekong.core.api.orgunit.OrgUnitLevel;
import org.mekong.core.api.orgunit.OrgUnitService;
import org.mekong.core.api.schema.SchemaMigrator;
import org.mekong.orgunits.internal.entities.OrgUnitEntity;
import org.mekong.storage.jpa.Transactions;
import org.mekong.storage.jpa.Where;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The org-unit tree in ORG_UNIT. Subtree queries use the materialised path; the small tree
 * (thousands of units) is also cached by code for the scope checks every write makes.
 */
@Component(service = OrgUnitService.class)
public class OrgUnitServiceImpl implements OrgUnitService {
    private static final Logger LOG = LoggerFactory.getLogger(OrgUnitServiceImpl.class);

    private final EntityManagerFactory emf;
    private final Map<String, OrgUnit> byCode = new ConcurrentHashMap<>();

    @Activate
    public OrgUnitServiceImpl(@Reference(target = "(osgi.unit.name=mekong-orgunits)") EntityManagerFactory emf,
            @Reference SchemaMigrator migrator) {
        this.emf = emf;
        migrator.migrate("db/orgunits-changelog.xml", getClass().getClassLoader());
        seedIfEmpty();
        reloadCache();
    }

    /** One JSON seed entry. */
    record SeedUnit(String code, String parent, OrgUnitLevel level, String nameVi, String nameEn) {
    }

    private void seedIfEmpty() {
        if (count() > 0) {
            return;
        }
        List<SeedUnit> seed;
        try (InputStream in = getClass().getResourceAsStream("/seed/orgunits.json")) {
            seed = new ObjectMapper().readValue(in, new TypeReference<List<SeedUnit>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the org-unit seed", e);
        }
        Map<String, String> paths = new HashMap<>();
        Transactions.write(emf, em -> {
            for (SeedUnit u : seed) {
                String path = (u.parent() == null ? "/" : paths.get(u.parent())) + u.code() + "/";
                paths.put(u.code(), path);
                em.persist(new OrgUnitEntity(u.code(), u.nameVi(), u.nameEn(), u.level(), u.parent(), path));
            }
            return null;
        });
        LOG.info("Loaded {} org units (national, central bodies, 34 provinces, sample communes)", seed.size());
    }

    private void reloadCache() {
        Transactions.read(emf, em -> em.createQuery("SELECT o FROM OrgUnitEntity o", OrgUnitEntity.class)
                .getResultList()).forEach(e -> {
                    OrgUnit u = e.toDTO();
                    byCode.put(u.code(), u);
                });
    }

    @Override
    public Optional<OrgUnit> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    @Override
    public OrgUnit get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("Org unit '" + code + "' does not exist"));
    }

    /** From the in-memory tree (every unit is cached, see {@link #find}): a dashboard asks this per level. */
    @Override
    public List<OrgUnit> children(String code) {
        get(code);
        return byCode.values().stream().filter(u -> code.equals(u.parentCode()))
                .sorted(java.util.Comparator.comparing(OrgUnit::path)).toList();
    }

    @Override
    public Page<OrgUnit> subtree(String code, int offset, int limit) {
        String path = get(code).path();
        List<OrgUnit> all = byCode.values().stream().filter(u -> u.path().startsWith(path))
                .sorted(java.util.Comparator.comparing(OrgUnit::path)).toList();
        int from = Math.min(Math.max(offset, 0), all.size());
        return new Page<>(all.subList(from, Math.min(all.size(), from + Math.max(limit, 0))), all.size(), offset, limit);
    }

    @Override
    public Page<OrgUnit> search(OrgUnitLevel level, String text, int offset, int limit) {
        Where where = new Where().and("o.level = :level", "level", level == null ? null : level.name())
                .and("o.searchText LIKE :text", "text", text == null || text.isBlank() ? null
                        : "%" + TextFolding.fold(text).replace("%", "").replace("_", "") + "%");
        return page(where, offset, limit);
    }

    private Page<OrgUnit> page(Where where, int offset, int limit) {
        return Transactions.read(emf, em -> new Page<>(
                where.query(em, "SELECT o FROM OrgUnitEntity o", "ORDER BY o.path", OrgUnitEntity.class)
                        .setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                        .map(OrgUnitEntity::toDTO).toList(),
                where.count(em, "OrgUnitEntity", "o"), offset, limit));
    }

    @Override
    public boolean isWithin(String code, String ancestor) {
        OrgUnit unit = byCode.get(code);
        OrgUnit top = byCode.get(ancestor);
        return unit != null && top != null && unit.path().startsWith(top.path());
    }

    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{0,63}$");

    @Override
    public OrgUnit create(Caller caller, OrgUnit unit) {
        caller.require(Role.ADMIN, Role.CENTRAL_IT);
        if (unit == null) {
            throw InvalidInputException.field("body", "is required");
        }
        List<ErrorDetail> problems = new ArrayList<>();
        if (unit.code() == null || !CODE.matcher(unit.code()).matches()) {
            problems.add(new ErrorDetail("code", "1-64 upper-case letters, digits or hyphens"));
        } else if (byCode.containsKey(unit.code())) {
            throw new ConflictException("Org unit '" + unit.code() + "' exists already");
        }
        for (String[] f : new String[][] { { "nameVi", unit.nameVi() }, { "nameEn", unit.nameEn() } }) {
            if (f[1] == null || f[1].isBlank() || f[1].length() > 255) {
                problems.add(new ErrorDetail(f[0], "is required, at most 255 characters"));
            }
        }
        OrgUnit parent = unit.parentCode() == null ? null : byCode.get(unit.parentCode());
        if (parent == null) {
            problems.add(new ErrorDetail("parentCode", "unknown parent '" + unit.parentCode() + "'"));
        }
        if (unit.level() == null || unit.level() == OrgUnitLevel.NATIONAL) {
            problems.add(new ErrorDetail("level", "one of CENTRAL, PROVINCE, COMMUNE"));
        } else if (parent != null && unit.level().depth() != parent.level().depth() + 1) {
            problems.add(new ErrorDetail("level", unit.level() + " cannot sit under a "
                    + parent.level() + " unit"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.get(0).field() + ": " + problems.get(0).problem(),
                    problems);
        }
        String path = parent.path() + unit.code() + "/";
        OrgUnit created = Transactions.write(emf, em -> {
            OrgUnitEntity e = new OrgUnitEntity(unit.code(), unit.nameVi().strip(), unit.nameEn().strip(), unit.level(),
                    parent.code(), path);
            em.persist(e);
            return e.toDTO();
        });
        byCode.put(created.code(), created);
        return created;
    }

    @Override
    public long count() {
        return Transactions.read(emf, em -> new Where().count(em, "OrgUnitEntity", "o"));
    }
}

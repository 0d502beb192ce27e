package org.mekong.identity.internal.entities;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.Table;

import org.mekong.core.api.Role;
import org.mekong.core.api.identity.User;

/** Row of APP_USER with its roles (USER_ROLE) and org-unit memberships (USER_ORGUNIT). */
@Entity
@Table(name = "APP_USER")
public class UserEntity {
    @Id
    @Column(name = "USERNAME")
    private String username;
    @Column(name = "DISPLAY_NAME")
    private String displayName;
    @Column(name = "PASSWORD_HASH")
    private String passwordHash;
    @Column(name = "ENABLED")
    private boolean enabled;
    @Column(name = "CREATED_AT")
    private Instant createdAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "USER_ROLE", joinColumns = @JoinColumn(name = "USERNAME"))
    @Column(name = "ROLE_NAME")
    private Set<String> roles = new HashSet<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "USER_ORGUNIT", joinColumns = @JoinColumn(name = "USERNAME"))
    @Column(name = "ORGUNIT_CODE")
    private Set<String> orgUnits = new HashSet<>();

    protected UserEntity() {
    }

    public UserEntity(String username, String displayName, String passwordHash, Set<Role> roles,
            Set<String> orgUnits) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = true;
        this.createdAt = Instant.now();
        this.roles = roles.stream().map(Role::name).collect(Collectors.toSet());
        this.orgUnits = new HashSet<>(orgUnits);
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void setRoles(Set<Role> roles) {
        this.roles = roles.stream().map(Role::name).collect(Collectors.toCollection(HashSet::new));
    }

    public void setOrgUnits(Set<String> orgUnits) {
        this.orgUnits = new HashSet<>(orgUnits);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public User toDTO() {
        return new User(username, displayName, roles.stream().map(Role::valueOf).collect(Collectors.toSet()),
                orgUnits, enabled);
    }
}

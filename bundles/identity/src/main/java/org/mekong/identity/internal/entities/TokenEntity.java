package org.mekong.identity.internal.entities;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Row of AUTH_TOKEN: the SHA-256 of a bearer token, never the token itself. */
@Entity
@Table(name = "AUTH_TOKEN")
public class TokenEntity {
    @Id
    @Column(name = "TOKEN_HASH")
    private String tokenHash;
    @Column(name = "USERNAME")
    private String username;
    @Column(name = "CREATED_AT")
    private Instant createdAt;
    @Column(name = "EXPIRES_AT")
    private Instant expiresAt;

    protected TokenEntity() {
    }

    public TokenEntity(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.username = username;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getUsername() {
        return username;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}

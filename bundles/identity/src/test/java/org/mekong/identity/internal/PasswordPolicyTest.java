package org.mekong.identity.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Test;

public class PasswordPolicyTest {
    private final PasswordPolicy policy = PasswordPolicy.withShippedList(12);

    @Test
    public void refusesShortBlankCommonAndUsernamePasswords() {
        assertEquals(Optional.of("must have at least 12 characters"), policy.problem("alice", "short-pass1"));
        assertEquals(Optional.of("must not be only whitespace"), policy.problem("alice", "              "));
        assertTrue(policy.problem("alice", "password1234").orElseThrow().contains("commonly used"));
        assertTrue(policy.problem("alice", "Password2025!!").orElseThrow().contains("commonly used"));
        assertTrue(policy.problem("alice", "123456789012").orElseThrow().contains("commonly used"));
        assertTrue(policy.problem("alice", "QWERTYUIOP123").orElseThrow().contains("commonly used"));
        assertEquals(Optional.of("must not be the username"), policy.problem("hue-leader-01", "HUE-LEADER-01"));
        assertEquals(Optional.of("must not be the username"), policy.problem("administrator", "Administrator2024"));
        assertEquals(Optional.of("is required"), policy.problem("alice", ""));
    }

    @Test
    public void acceptsLongUncommonPasswordsWithoutCompositionRules() {
        assertEquals(Optional.empty(), policy.problem("admin", "it-admin-password-42"));
        assertEquals(Optional.empty(), policy.problem("hue-leader", "hue-leader-password-1"));
        assertEquals(Optional.empty(), policy.problem("alice", "correct horse battery staple"));
        assertEquals(Optional.empty(), policy.problem("alice", "mật khẩu của tôi rất dài"));
        assertEquals(Optional.empty(), policy.problem("admin", PasswordHasher.generate()));
    }
}

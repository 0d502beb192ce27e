package org.mekong.core.api.identity;

/** What a user supplies to change their own password. */
public record PasswordChange(String oldPassword, String newPassword) {
}

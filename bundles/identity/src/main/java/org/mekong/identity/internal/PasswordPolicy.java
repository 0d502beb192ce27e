package org.mekong.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rules of NIST SP 800-63B: a minimum length, not a commonly used password, not the
 * username, not only whitespace; no composition rules. Answers the broken rule in words.
 */
final class PasswordPolicy {
    static final String BLOCKLIST = "common-passwords.txt";
    private final int minLength;
    private final Set<String> blocked;

    PasswordPolicy(int minLength, Set<String> blocked) {
        this.minLength = minLength;
        this.blocked = Set.copyOf(blocked);
    }

    /** The policy with the shipped blocklist of common passwords. */
    static PasswordPolicy withShippedList(int minLength) {
        return new PasswordPolicy(minLength, load());
    }

    int minLength() {
        return minLength;
    }

    /** The rule the password breaks, empty when it meets them all. */
    Optional<String> problem(String username, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        if (password.isBlank()) {
            return Optional.of("must not be only whitespace");
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("must have at least " + minLength + " characters");
        }
        String lower = password.trim().toLowerCase(Locale.ROOT);
        String core = stripTail(lower);
        if (username != null && !username.isBlank()) {
            String user = username.trim().toLowerCase(Locale.ROOT);
            if (lower.equals(user) || core.equals(user)) {
                return Optional.of("must not be the username");
            }
        }
        if (blocked.contains(lower) || (!core.isEmpty() && blocked.contains(core))) {
            return Optional.of("is a commonly used password; choose a less predictable one");
        }
        return Optional.empty();
    }

    /** The password without trailing digits and punctuation: "password2024!" is still "password". */
    private static String stripTail(String password) {
        int end = password.length();
        while (end > 0 && !Character.isLetter(password.charAt(end - 1))) {
            end--;
        }
        return password.substring(0, end);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(BLOCKLIST)) {
            if (in == null) {
                throw new IllegalStateException("The password blocklist " + BLOCKLIST + " is missing from the bundle");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.trim().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}

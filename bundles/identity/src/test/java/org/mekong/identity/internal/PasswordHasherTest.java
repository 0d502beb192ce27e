package org.mekong.identity.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHasherTest {

    @Test
    public void hashesAreSaltedSlowAndVerifiable() {
        String a = PasswordHasher.hash("correct horse battery");
        String b = PasswordHasher.hash("correct horse battery");
        assertNotEquals("same password, different salt", a, b);
        assertTrue(a.startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$"));
        assertFalse(a.contains("correct horse"));
        assertTrue(PasswordHasher.matches("correct horse battery", a));
        assertFalse(PasswordHasher.matches("correct horse batterY", a));
        assertFalse(PasswordHasher.matches("anything", "plain-text-password"));
        assertFalse(PasswordHasher.matches(null, a));
    }

    @Test
    public void generatedPasswordsAreLongAndDistinct() {
        String one = PasswordHasher.generate();
        assertTrue(one.length() >= 20);
        assertNotEquals(one, PasswordHasher.generate());
    }
}

package org.mekong.feedback.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Set;

import org.junit.Test;
import org.mekong.core.api.Caller;
import org.mekong.core.api.Role;

public class IntakeLimiterTest {

    @Test
    public void everyLoopbackSpellingIsOneClient() {
        for (String a : new String[] { "127.0.0.1", "::1", "0:0:0:0:0:0:0:1", "[::1]", "127.0.0.2", "::ffff:127.0.0.1" }) {
            assertEquals(a, "loopback", IntakeLimiter.normalise(a));
        }
    }

    @Test
    public void mappedIpv6IsIpv4AndIpv6CountsPerNetwork() {
        assertEquals("203.0.113.7", IntakeLimiter.normalise("::ffff:203.0.113.7"));
        assertEquals("203.0.113.7", IntakeLimiter.normalise(" 203.0.113.7 "));
        assertEquals(IntakeLimiter.normalise("2001:db8:1:2::1"), IntakeLimiter.normalise("2001:db8:1:2:ffff::9"));
        assertTrue(IntakeLimiter.normalise("2001:db8:1:2::1").endsWith("/64"));
        assertEquals("not an address: kept, never resolved", "evil.example", IntakeLimiter.normalise("Evil.Example"));
        assertEquals("unknown", IntakeLimiter.normalise(null));
    }

    @Test
    public void forwardedForIsBelievedOnlyFromTrustedProxies() {
        IntakeLimiter l = new IntakeLimiter();
        l.configure(10, "");
        assertEquals("loopback", l.clientAddress("127.0.0.1", "203.0.113.7"));
        l.configure(10, "127.0.0.1, 10.0.0.5");
        assertEquals("203.0.113.7", l.clientAddress("::1", "203.0.113.7"));
        assertEquals("the right-most untrusted hop", "198.51.100.1", l.clientAddress("127.0.0.1",
                "203.0.113.7, 198.51.100.1, 10.0.0.5"));
        assertEquals("an untrusted remote keeps its own address", "192.0.2.1", l.clientAddress("192.0.2.1", "203.0.113.7"));
    }

    @Test
    public void oneBucketPerAccountOrAddressAndStaffAreNotLimited() {
        IntakeLimiter l = new IntakeLimiter();
        l.configure(3, "");
        Caller citizen = new Caller("dan", Set.of(Role.CITIZEN), Set.of());
        for (int i = 0; i < 3; i++) {
            assertNotNull(l.acquire(citizen, "loopback"));
        }
        try {
            l.acquire(citizen, "198.51.100.1");
            fail("the account is limited whatever its address");
        } catch (IntakeLimiter.LimitedException e) {
            assertEquals(3, e.quota().limit());
            assertEquals(0, e.quota().remaining());
            assertTrue(e.quota().resetSeconds() >= 1);
            assertTrue(e.getMessage(), e.getMessage().contains("account"));
        }
        assertEquals("anonymous from the same address: its own bucket", 2,
                l.acquire(Caller.anonymous(), "loopback").remaining());
        Caller clerk = new Caller("clerk", Set.of(Role.REPORTER), Set.of());
        for (int i = 0; i < 10; i++) {
            assertNull(l.acquire(clerk, "loopback"));
        }
    }
}
